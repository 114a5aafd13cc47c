{#
    Intercom's team_admin as landed (one row per team membership): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted).
#}
{% set columns = [
            ['admin_id', 'string'],
            ['team_id', 'string'],
            ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns() %}

with

landed as (
    select
        {{ connector_columns(source('intercom', 'team_admin'), columns) }}
    from {{ source('intercom', 'team_admin') }}
),

final as (
    select * from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
