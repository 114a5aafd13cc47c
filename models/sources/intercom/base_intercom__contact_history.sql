{#
    Intercom's contact_history as landed (one row per contact version): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted); is_current_version marks the version the adapter maps.
#}
{{ connector_landed('intercom', 'contact_history', [
    ['id', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['role', 'string'],
    ['email', 'string'],
    ['phone', 'string'],
    ['name', 'string'],
    ['_fivetran_active', 'boolean'],
    ['_fivetran_start', 'timestamp'],
    ['_fivetran_end', 'timestamp'],
], current_version_of='id') }}
