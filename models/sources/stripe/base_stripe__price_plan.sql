{#-
    Stripe prices as landed, from table price and from the legacy table plan (its amount, interval,
    interval_count and usage_type read as unit_amount, recurring_interval, recurring_interval_count and
    recurring_usage_type), whichever exist; a plan only where no price has its id. Soft-deleted and test-mode
    rows left out.
-#}
{%- set common = [
    ['id', 'string'], ['currency', 'string'], ['nickname', 'string'], ['product_id', 'string'],
    ['livemode', 'boolean'],
] -%}
with

price_landed as (
    {{ connector_select(source('stripe', 'price'), common + [
        ['unit_amount', 'bigint'], ['unit_amount_decimal', 'string'], ['recurring_interval', 'string'],
        ['recurring_interval_count', 'bigint'], ['recurring_usage_type', 'string'],
    ]) }}
),

plan_landed as (
    {{ connector_select(source('stripe', 'plan'), common + [
        ['amount', 'bigint'], ['interval', 'string'], ['interval_count', 'bigint'], ['usage_type', 'string'],
    ]) }}
),

prices as (
    select
        id,
        unit_amount,
        unit_amount_decimal,
        currency,
        recurring_interval,
        recurring_interval_count,
        recurring_usage_type,
        nickname,
        product_id,
        {{ connector_lineage('stripe.price') }}
    from price_landed
    where not coalesce(_fivetran_deleted, false) and coalesce(livemode, true)
),

plans as (
    select
        id,
        amount as unit_amount,
        cast(null as {{ dbt.type_string() }}) as unit_amount_decimal,
        currency,
        {{ adapter.quote('interval') }} as recurring_interval,
        interval_count as recurring_interval_count,
        usage_type as recurring_usage_type,
        nickname,
        product_id,
        {{ connector_lineage('stripe.plan') }}
    from plan_landed
    where
        not coalesce(_fivetran_deleted, false)
        and coalesce(livemode, true)
        and id not in (select prices.id from prices)
),

final as (
    select * from prices
    union all
    select * from plans
)

select * from final
