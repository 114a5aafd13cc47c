{#-
    Zendesk chat sessions as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['chat_id', 'string'],
    ['ticket_id', 'bigint'],
    ['channel', 'string'],
    ['initiator', 'string'],
    ['user_id', 'bigint']
] -%}
{%- set relation = load_relation(source('zendesk', 'ticket_chat')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'ticket_chat'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        chat_id, ticket_id, channel, initiator, user_id,
        {{ connector_lineage('zendesk.ticket_chat') }}
    from landed
)

select * from final
