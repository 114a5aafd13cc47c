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

lineaged as (
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
        landed_table,
        {{ connector_lineage('stripe.subscription') }}
    from current_versions
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
        -- a row a connector landed (no loader row number) is named by its table
        case when _source_row is null then landed_table else _source_file end as _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from lineaged
)

select * from final
