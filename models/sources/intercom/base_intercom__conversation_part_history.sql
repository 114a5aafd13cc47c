{#
    Intercom's conversation_part_history as landed (one row per conversation part version): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted); is_current_version marks the version the adapter maps.
#}
{{ connector_landed('intercom', 'conversation_part_history', [
    ['id', 'string'],
    ['conversation_id', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['part_type', 'string'],
    ['author_type', 'string'],
    ['author_id', 'string'],
    ['assigned_to_type', 'string'],
    ['assigned_to_id', 'string'],
    ['body', 'string'],
    ['_fivetran_active', 'boolean'],
    ['_fivetran_start', 'timestamp'],
    ['_fivetran_end', 'timestamp'],
], current_version_of='id') }}
