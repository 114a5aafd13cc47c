{#-
    Airbyte's Zendesk ticket_comments stream as landed (messaging messages are comments too).
    Typed; see _zendesk__models.yml.
-#}
{{ connector_select(source('zendesk_airbyte', 'ticket_comments'), [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['created_at', 'timestamp'],
    ['author_id', 'bigint'],
    ['public', 'boolean'],
    ['body', 'string'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
