{#- Stripe products as landed (an optional table: no rows when it is not there); soft-deleted rows left out. -#}
{{ connector_base('stripe', 'product', [
    ['id', 'string'],
    ['name', 'string'],
    ['livemode', 'boolean'],
], output=[
    'id', 'name',
], keep_where='coalesce(livemode, true)') }}
