{#-
    Zendesk chat events as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket_chat_event', [
    ['chat_id', 'string'],
    ['chat_index', 'integer'],
    ['created_at', 'timestamp'],
    ['actor_id', 'string'],
    ['type', 'string'],
    ['message', 'string'],
    ['original_message', 'string'],
]) }}
