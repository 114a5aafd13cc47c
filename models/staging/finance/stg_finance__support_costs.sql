{# One row per support-cost ledger entry (append-only; a repeated cost_id keeps its first copy in load order). #}
with

source as (
    select * from {{ source('finance', 'support_costs') }}
),

ranked as (
    {{ deduplicate_rows('source', 'cost_id', keep='first_loaded') }}
),

final as (
    select
        cost_id,
        cast(month as date) as month,
        {{ normalize_enum('category') }} as category,
        amount,
        upper({{ trim_whitespace('currency') }}) as currency,
        _key_row_count - 1 as dropped_duplicate_count,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
