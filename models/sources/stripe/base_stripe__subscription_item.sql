{#- Stripe subscription items as landed: a price (plan_id) times a quantity; soft-deleted rows left out. -#}
{{ connector_base('stripe', 'subscription_item', [
    ['id', 'string'],
    ['subscription_id', 'string'],
    ['plan_id', 'string'],
    ['quantity', 'bigint'],
    ['created', 'timestamp'],
    ['livemode', 'boolean'],
], output=[
    'id', 'subscription_id', 'plan_id', 'quantity', 'created',
], keep_where='coalesce(livemode, true)') }}
