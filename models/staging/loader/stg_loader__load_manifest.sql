{# One row per file per load run, from the loader's manifest: what each file added to the raw tables. #}
with

source as (
    select * from {{ source('loader', 'load_manifest') }}
),

final as (
    select
        load_id,
        table_name,
        source_file,
        file_format,
        sha256,
        {{ normalize_enum('status') }} as status,
        reason,
        bytes as file_bytes,
        rows_read as rows_read_count,
        rows_loaded as rows_loaded_count,
        rows_rejected as rows_rejected_count,
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(finished_at as {{ dbt.type_timestamp() }}) as finished_at
    from source
)

select * from final
