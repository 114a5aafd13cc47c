{#- Stripe invoices as landed: soft-deleted, deleted (is_deleted) and test-mode rows left out. -#}
{%- set relation = source('stripe', 'invoice') -%}
with

landed as (
    select
        {{ connector_columns(relation, [
            ['id', 'string'], ['customer_id', 'string'], ['subscription_id', 'string'], ['created', 'timestamp'],
            ['status', 'string'], ['total', 'bigint'], ['currency', 'string'],
            ['status_transitions_finalized_at', 'timestamp'], ['status_transitions_paid_at', 'timestamp'],
            ['is_deleted', 'boolean'], ['livemode', 'boolean'], ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns()) }}
    from {{ relation }}
),

final as (
    select
        id,
        customer_id,
        subscription_id,
        created,
        status,
        total,
        currency,
        status_transitions_finalized_at,
        status_transitions_paid_at,
        _fivetran_synced,
        {{ connector_lineage('stripe.invoice') }}
    from landed
    where not coalesce(_fivetran_deleted, false) and not coalesce(is_deleted, false) and coalesce(livemode, true)
)

select * from final
