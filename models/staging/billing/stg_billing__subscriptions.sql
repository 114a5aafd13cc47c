{# One row per subscription: its latest version; currency upper-cased, cancel reason masked (metrics.md §9). #}
with

source as (
    select * from {{ source('billing', 'subscriptions') }}
),

ranked as (
    {{ deduplicate_rows('source', 'subscription_id', keep='latest_version') }}
),

final as (
    select
        subscription_id,
        account_id,
        plan,
        mrr,
        upper({{ trim_whitespace('currency') }}) as currency,
        {{ mask_personal_data('cancel_reason') }} as cancel_reason,
        _key_row_count - 1 as superseded_version_count,
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(canceled_at as {{ dbt.type_timestamp() }}) as canceled_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
