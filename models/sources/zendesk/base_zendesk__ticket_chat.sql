{#-
    Zendesk chat sessions as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket_chat', [
    ['chat_id', 'string'],
    ['ticket_id', 'bigint'],
    ['channel', 'string'],
    ['initiator', 'string'],
    ['user_id', 'bigint'],
]) }}
