{#-
    Airbyte's Zendesk ticket_audits stream as landed: events (array of objects) as JSON text.
    Typed; see _zendesk__models.yml.
-#}
{{ connector_select(source('zendesk_airbyte', 'ticket_audits'), [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['created_at', 'timestamp'],
    ['author_id', 'bigint'],
    ['events', 'string'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
