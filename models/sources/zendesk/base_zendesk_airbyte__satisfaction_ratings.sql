{#- Airbyte's Zendesk satisfaction_ratings stream as landed. Typed; see _zendesk__models.yml. -#}
{{ connector_select(source('zendesk_airbyte', 'satisfaction_ratings'), [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['requester_id', 'bigint'],
    ['score', 'string'],
    ['comment', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
