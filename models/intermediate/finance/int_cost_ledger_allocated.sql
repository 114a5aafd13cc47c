{#
    One row per month × cost category of the support-cost ledger (docs/metrics.md §6): the ledger amount, the basis
    it is allocated over, and how much of it is allocated to the month's conversations or stays unallocated.
    A month/category is allocated in full when its basis has anything to allocate to, else it stays unallocated
    in full: ledger_amount = allocated_amount + unallocated_amount exactly (decimal arithmetic, never rounded).
#}
with

costs as (
    select * from {{ ref('stg_finance__support_costs') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

ledger as (
    select
        month,
        category,
        sum(amount) as ledger_amount
    from costs
    group by month, category
),

conversation_months as (
    select
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        agent_message_count,
        bot_message_count,
        is_human_involved,
        is_bot_involved
    from conversations
),

month_allocation_bases as (
    -- what each allocation basis adds up to over the conversations created in the month
    select
        month,
        count(*) as conversation_count,
        sum(case when is_human_involved then agent_message_count else 0 end) as agent_message_count,
        sum(case when is_bot_involved then bot_message_count else 0 end) as bot_message_count
    from conversation_months
    group by month
),

ledger_with_basis as (
    select
        month,
        category,
        case
            when category in ('agent_labor', 'training', 'qa') then 'agent_messages'
            when category = 'ai_usage' then 'bot_messages'
            when category = 'tooling' then 'conversations'
        end as allocation_basis,
        ledger_amount
    from ledger
),

ledger_with_base_count as (
    select
        ledger_with_basis.month,
        ledger_with_basis.category,
        ledger_with_basis.allocation_basis,
        cast(coalesce(
            case ledger_with_basis.allocation_basis
                when 'agent_messages' then month_allocation_bases.agent_message_count
                when 'bot_messages' then month_allocation_bases.bot_message_count
                when 'conversations' then month_allocation_bases.conversation_count
            end,
            0
        ) as {{ dbt.type_bigint() }}) as allocation_base_count,
        ledger_with_basis.ledger_amount
    from ledger_with_basis
    left join month_allocation_bases on ledger_with_basis.month = month_allocation_bases.month
),

final as (
    -- a category with nothing to allocate to keeps its whole amount unallocated
    select
        month,
        category,
        allocation_basis,
        allocation_base_count,
        ledger_amount,
        cast(
            case when allocation_base_count > 0 then ledger_amount else 0 end as {{ decimal_amount() }}
        ) as allocated_amount,
        cast(
            case when allocation_base_count > 0 then 0 else ledger_amount end as {{ decimal_amount() }}
        ) as unallocated_amount
    from ledger_with_base_count
)

select * from final
