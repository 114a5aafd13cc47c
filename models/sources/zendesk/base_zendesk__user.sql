{#-
    Zendesk users as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['id', 'bigint'],
    ['name', 'string'],
    ['email', 'string'],
    ['role', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['_fivetran_deleted', 'boolean']
] -%}
{%- set relation = load_relation(source('zendesk', 'user')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'user'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        id, name, email, role, created_at, updated_at,
        {{ connector_lineage('zendesk.user') }}
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
