{# Which files and rules produce rejected rows, newest load first: where to look when a load reports rejects. #}
with

rejects as (
    select * from {{ ref('stg_loader__rejects') }}
),

final as (
    select
        load_id,
        table_name,
        source_file,
        reason_code,
        count(*) as rejected_row_count,
        min(source_row) as first_source_row
    from rejects
    group by load_id, table_name, source_file, reason_code
)

select * from final
order by load_id desc, rejected_row_count desc
