{# One row per support-cost ledger entry (append-only; a repeated cost_id keeps its first copy in load order). #}
with

support_costs as (
    {{ deduplicated_source('finance', 'support_costs') }}
),

final as (
    select
        cost_id,
        cast(month as date) as month,
        {{ normalize_enum('category') }} as category,
        amount,
        upper({{ trim_whitespace('currency') }}) as currency,
        dropped_duplicate_count,
        {{ lineage_columns() }}
    from support_costs
)

select * from final
