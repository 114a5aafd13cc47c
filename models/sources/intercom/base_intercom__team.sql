{#
    Intercom's team as landed (one row per team): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted). Optional: when Fivetran has not landed it, no rows.
#}
{% set columns = [
            ['id', 'string'],
            ['name', 'string'],
            ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns() %}

with

landed as (
    {#- an optional table: a workspace without teams may not have it; then no rows -#}
    {%- set relation = source('intercom', 'team') %}
    {%- if execute and adapter.get_relation(relation.database, relation.schema, relation.identifier) is none %}
        select {{ connector_columns(relation, columns) }}
        where 1 = 0
    {%- else %}
        select {{ connector_columns(relation, columns) }}
        from {{ relation }}
    {%- endif %}
),

final as (
    select * from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
