{#
    One row per month × ledger category (metrics.md §6): the ledger amount, what was allocated to conversations and
    what stayed unallocated.
#}
with

ledger as (
    select * from {{ ref('int_cost_ledger_allocated') }}
),

final as (
    select
        month,
        category,
        allocation_basis,
        allocation_base_count,
        ledger_amount,
        allocated_amount,
        unallocated_amount
    from ledger
)

select * from final
