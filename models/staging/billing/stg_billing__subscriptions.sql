{# One row per subscription: its latest version; currency upper-cased, cancel reason masked (docs/metrics.md §9). #}
with

subscriptions as (
    {{ deduplicated_source('billing', 'subscriptions') }}
),

final as (
    select
        subscription_id,
        account_id,
        plan,
        mrr,
        upper({{ trim_whitespace('currency') }}) as currency,
        {{ mask_personal_data('cancel_reason') }} as cancel_reason,
        superseded_version_count,
        {{ staged_timestamps('billing', 'subscriptions') }}
        {{ lineage_columns() }}
    from subscriptions
)

select * from final
