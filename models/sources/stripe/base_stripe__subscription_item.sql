{#- Stripe subscription items as landed: a price (plan_id) times a quantity; soft-deleted rows left out. -#}
{%- set relation = source('stripe', 'subscription_item') -%}
with

landed as (
    select
        {{ connector_columns(relation, [
            ['id', 'string'], ['subscription_id', 'string'], ['plan_id', 'string'], ['quantity', 'bigint'],
            ['created', 'timestamp'], ['livemode', 'boolean'], ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns()) }}
    from {{ relation }}
),

final as (
    select
        id,
        subscription_id,
        plan_id,
        quantity,
        created,
        {{ connector_lineage('stripe.subscription_item') }}
    from landed
    where not coalesce(_fivetran_deleted, false) and coalesce(livemode, true)
)

select * from final
