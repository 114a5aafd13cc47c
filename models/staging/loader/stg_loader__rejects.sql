{#
    One row per record the loader rejected, with its reason; the record's text masked (docs/metrics.md §9) like every
    free-text column.
#}
with

source as (
    select * from {{ source('loader', 'rejects') }}
),

final as (
    select
        load_id,
        table_name,
        source_file,
        source_row,
        column_name,
        reason_code,
        {{ mask_personal_data('reason') }} as reason,
        {{ mask_personal_data('raw_record') }} as raw_record,
        cast(rejected_at as {{ dbt.type_timestamp() }}) as rejected_at
    from source
)

select * from final
