{#- Stripe invoices as landed: soft-deleted, deleted (is_deleted) and test-mode rows left out. -#}
{{ connector_base('stripe', 'invoice', [
    ['id', 'string'],
    ['customer_id', 'string'],
    ['subscription_id', 'string'],
    ['created', 'timestamp'],
    ['status', 'string'],
    ['total', 'bigint'],
    ['currency', 'string'],
    ['status_transitions_finalized_at', 'timestamp'],
    ['status_transitions_paid_at', 'timestamp'],
    ['is_deleted', 'boolean'],
    ['livemode', 'boolean'],
], output=[
    'id', 'customer_id', 'subscription_id', 'created', 'status', 'total', 'currency',
    'status_transitions_finalized_at', 'status_transitions_paid_at', '_fivetran_synced',
], keep_where='not coalesce(is_deleted, false) and coalesce(livemode, true)') }}
