{#
    Intercom's conversation_history as landed (one row per conversation version): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted); is_current_version marks the version the adapter maps.
#}
{{ connector_landed('intercom', 'conversation_history', [
    ['id', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['state', 'string'],
    ['source_type', 'string'],
    ['source_delivered_as', 'string'],
    ['source_author_type', 'string'],
    ['source_author_id', 'string'],
    ['source_subject', 'string'],
    ['assignee_id', 'string'],
    ['assignee_type', 'string'],
    ['conversation_rating_value', 'integer'],
    ['conversation_rating_remark', 'string'],
    ['conversation_rating_created_at', 'timestamp'],
    ['custom_intent', 'string'],
    ['custom_bot_intent', 'string'],
    ['ai_agent_participated', 'boolean'],
    ['ai_agent_resolution_state', 'string'],
    ['ai_agent_last_answer_type', 'string'],
    ['ai_agent_rating', 'integer'],
    ['_fivetran_active', 'boolean'],
    ['_fivetran_start', 'timestamp'],
    ['_fivetran_end', 'timestamp'],
], current_version_of='id') }}
