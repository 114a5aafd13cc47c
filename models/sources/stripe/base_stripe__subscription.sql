{#-
    Stripe subscriptions as landed, from table subscription and from subscription_history (Fivetran's history
    mode; only the current version, _fivetran_active), whichever exist: one row per table and subscription.
    Soft-deleted and test-mode rows left out; version_at is when the version became current.
-#}
{%- set columns = [
    ['id', 'string'], ['customer_id', 'string'], ['status', 'string'], ['created', 'timestamp'],
    ['start_date', 'timestamp'], ['canceled_at', 'timestamp'], ['ended_at', 'timestamp'],
    ['cancel_at_period_end', 'boolean'], ['cancellation_details_reason', 'string'],
    ['cancellation_details_comment', 'string'], ['cancellation_details_feedback', 'string'],
    ['livemode', 'boolean'], ['_fivetran_active', 'boolean'], ['_fivetran_start', 'timestamp'],
] -%}
with

subscription_landed as (
    {{ connector_select(source('stripe', 'subscription'), columns) }}
),

history_landed as (
    {{ connector_select(source('stripe', 'subscription_history'), columns) }}
),

unioned as (
    select
        'stripe.subscription' as landed_table,
        *
    from subscription_landed
    union all
    select
        'stripe.subscription_history' as landed_table,
        *
    from history_landed
),

current_versions as (
    select
        *,
        coalesce(_fivetran_start, _fivetran_synced) as version_at
    from unioned
    where
        not coalesce(_fivetran_deleted, false)
        and coalesce(livemode, true)
        and coalesce(_fivetran_active, true)
),

final as (
    select
        id,
        customer_id,
        status,
        created,
        start_date,
        canceled_at,
        ended_at,
        cancel_at_period_end,
        cancellation_details_reason,
        cancellation_details_comment,
        cancellation_details_feedback,
        version_at,
        -- a row a connector landed (no file) is named by the table it came from
        {{ connector_lineage('stripe.subscription', file_fallback='landed_table') }}
    from current_versions
)

select * from final
