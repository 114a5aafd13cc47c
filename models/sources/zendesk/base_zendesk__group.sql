{#-
    Zendesk agent groups as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['id', 'bigint'],
    ['name', 'string'],
    ['updated_at', 'timestamp'],
    ['_fivetran_deleted', 'boolean']
] -%}
{%- set relation = load_relation(source('zendesk', 'group')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'group'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        id, name, updated_at,
        {{ connector_lineage('zendesk.group') }}
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
