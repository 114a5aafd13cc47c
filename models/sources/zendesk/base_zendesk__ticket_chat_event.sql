{#-
    Zendesk chat events as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['chat_id', 'string'],
    ['chat_index', 'integer'],
    ['created_at', 'timestamp'],
    ['actor_id', 'string'],
    ['type', 'string'],
    ['message', 'string'],
    ['original_message', 'string']
] -%}
{%- set relation = load_relation(source('zendesk', 'ticket_chat_event')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'ticket_chat_event'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        chat_id, chat_index, created_at, actor_id, type, message, original_message,
        {{ connector_lineage('zendesk.ticket_chat_event') }}
    from landed
)

select * from final
