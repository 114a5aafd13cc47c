{#-
    Zendesk ticket comments as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['created', 'timestamp'],
    ['user_id', 'bigint'],
    ['public', 'boolean'],
    ['body', 'string'],
    ['_fivetran_deleted', 'boolean']
] -%}
{%- set relation = load_relation(source('zendesk', 'ticket_comment')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'ticket_comment'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        id, ticket_id, created, user_id, public, body,
        {{ connector_lineage('zendesk.ticket_comment') }}
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
