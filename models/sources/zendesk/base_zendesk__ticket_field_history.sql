{#-
    Zendesk ticket field changes as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['ticket_id', 'bigint'],
    ['field_name', 'string'],
    ['updated', 'timestamp'],
    ['value', 'string'],
    ['user_id', 'bigint']
] -%}
{%- set relation = load_relation(source('zendesk', 'ticket_field_history')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'ticket_field_history'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        ticket_id, field_name, updated, value, user_id,
        {{ connector_lineage('zendesk.ticket_field_history') }}
    from landed
)

select * from final
