{#
    The cost ledger equals allocated plus unallocated for every month and category, and the conversations' allocated
    cost adds up to the allocated amount of each month (to 1e-6). Zero rows is a pass.
#}
with

ledger as (
    select * from {{ ref('stg_finance__support_costs') }}
),

ledger_months as (
    select
        month,
        sum(amount) as ledger_amount
    from ledger
    group by month
),

mart_months as (
    select
        month,
        sum(ledger_amount) as mart_ledger_amount,
        sum(allocated_amount) as allocated_amount,
        sum(unallocated_amount) as unallocated_amount
    from {{ ref('mart_cost_ledger_monthly') }}
    group by month
),

conversation_months as (
    select
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        sum(allocated_cost) as conversation_cost
    from {{ ref('fct_conversations') }}
    group by month
),

final as (
    select
        coalesce(ledger_months.month, mart_months.month) as month,
        ledger_months.ledger_amount,
        mart_months.mart_ledger_amount,
        mart_months.allocated_amount,
        mart_months.unallocated_amount,
        conversation_months.conversation_cost
    from ledger_months
    full outer join mart_months on ledger_months.month = mart_months.month
    left join conversation_months on coalesce(ledger_months.month, mart_months.month) = conversation_months.month
)

select * from final
where
    ledger_amount is null
    or mart_ledger_amount is null
    or ledger_amount != mart_ledger_amount
    or mart_ledger_amount != allocated_amount + unallocated_amount
    or abs(coalesce(conversation_cost, 0) - allocated_amount) > 0.000001
