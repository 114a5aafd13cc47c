{#-
    Airbyte's Zendesk tickets stream as landed: via (object) and tags (array) as JSON text.
    Typed; see _zendesk__models.yml.
-#}
{{ connector_select(source('zendesk_airbyte', 'tickets'), [
    ['id', 'bigint'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['status', 'string'],
    ['subject', 'string'],
    ['requester_id', 'bigint'],
    ['assignee_id', 'bigint'],
    ['group_id', 'bigint'],
    ['via', 'string'],
    ['tags', 'string'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
