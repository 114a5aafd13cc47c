{#- Airbyte's Zendesk groups stream as landed (deleted: a deleted group). Typed; see _zendesk__models.yml. -#}
{{ connector_select(source('zendesk_airbyte', 'groups'), [
    ['id', 'bigint'],
    ['name', 'string'],
    ['updated_at', 'timestamp'],
    ['deleted', 'boolean'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
