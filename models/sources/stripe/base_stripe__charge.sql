{#-
    Stripe charges as landed (an optional table: no rows when it is not there): what marks an invoice refunded or
    its payment failed. Soft-deleted and test-mode rows left out.
-#}
{{ connector_base('stripe', 'charge', [
    ['id', 'string'],
    ['invoice_id', 'string'],
    ['status', 'string'],
    ['amount', 'bigint'],
    ['amount_refunded', 'bigint'],
    ['refunded', 'boolean'],
    ['created', 'timestamp'],
    ['livemode', 'boolean'],
], output=[
    'id', 'invoice_id', 'status', 'amount', 'amount_refunded', 'refunded', 'created',
], keep_where='coalesce(livemode, true)') }}
