{#
    One row per month × ledger category (docs/metrics.md §6): the ledger amount, what was allocated to conversations and
    what stayed unallocated.
#}
with

ledger as (
    select * from {{ ref('int_cost_ledger_allocated') }}
),

final as (
    -- the allocation is computed once, in int_cost_ledger_allocated; this mart publishes it as it is
    select * from ledger
)

select * from final
