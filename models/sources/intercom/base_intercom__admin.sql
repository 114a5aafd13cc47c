{#
    Intercom's admin as landed (one row per admin): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted).
#}
{% set columns = [
            ['id', 'string'],
            ['name', 'string'],
            ['email', 'string'],
            ['job_title', 'string'],
            ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns() %}

with

landed as (
    select
        {{ connector_columns(source('intercom', 'admin'), columns) }}
    from {{ source('intercom', 'admin') }}
),

final as (
    select * from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
