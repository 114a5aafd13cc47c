{#- Airbyte's Zendesk users stream as landed. Typed; see _zendesk__models.yml. -#}
{{ connector_select(source('zendesk_airbyte', 'users'), [
    ['id', 'bigint'],
    ['name', 'string'],
    ['email', 'string'],
    ['role', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
