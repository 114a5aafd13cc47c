{#- Stripe customers as landed: the columns the adapter reads; soft-deleted and test-mode rows left out. -#}
{{ connector_base('stripe', 'customer', [
    ['id', 'string'],
    ['created', 'timestamp'],
    ['email', 'string'],
    ['name', 'string'],
    ['description', 'string'],
    ['metadata', 'string'],
    ['currency', 'string'],
    ['is_deleted', 'boolean'],
    ['livemode', 'boolean'],
], output=[
    'id', 'created', 'email', 'name', 'description', 'metadata', 'currency', 'is_deleted',
    '_fivetran_synced',
], keep_where='coalesce(livemode, true)') }}
