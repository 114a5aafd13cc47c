{#- Airbyte's Zendesk group_memberships stream as landed. Typed; see _zendesk__models.yml. -#}
{{ connector_select(source('zendesk_airbyte', 'group_memberships'), [
    ['id', 'bigint'],
    ['user_id', 'bigint'],
    ['group_id', 'bigint'],
    ['_airbyte_extracted_at', 'timestamp'],
]) }}
