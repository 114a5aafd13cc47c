{#
    One row per conversation: its share of the support-cost ledger of the month it was created in (docs/metrics.md §6).
    agent_labor, training and qa go to human_involved conversations in proportion to their conversational agent
    messages; ai_usage to bot_involved conversations in proportion to their bot messages; tooling equally to every
    conversation. What a month/category allocates comes from int_cost_ledger_allocated; nothing is rounded, and a
    conversation with nothing allocated has cost 0.
    Incremental by month: a conversation's share depends on every conversation of its month and on the month's
    ledger, and on nothing else (not on the as-of time). A run recomputes whole months: those of the conversations a
    load touched (int_conversations_enriched.last_load_id above the watermark; their month now and the month stored
    here, as a new version may move created_at), and those a load added a cost row to (the ledger is append-only: a
    month's ledger changes only by a new row, so a stg_finance__support_costs._load_id above the watermark). Keyed by
    conversation_id: every conversation of a recomputed month is in the batch, so delete+insert replaces each
    recomputed month whole and also the old row of a conversation that moved out of a month.
    last_load_id is the later of the conversation's and of its month's latest cost row.
#}
{{ config(large_fact_config('conversation_id', spark_partition_by='last_load_id')) }}

with

{% if is_incremental() %}
    touched_conversations as (
        select conversation_id, created_at from {{ ref('int_conversations_enriched') }}
        where last_load_id > {{ incremental_watermark('last_load_id') }}
    ),

    recomputed_months as (
        -- the touched conversations' months now, and before (a new version may have moved its created_at)
        select cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month from touched_conversations
        union
        select month from {{ this }}
        where conversation_id in (select touched_conversations.conversation_id from touched_conversations)
        union
        -- the months a load added a ledger row to
        select month from {{ ref('stg_finance__support_costs') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
    ),
{% endif %}

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}
        where
            cast({{ dbt.date_trunc('month', 'created_at') }} as date)
            in (select recomputed_months.month from recomputed_months)
    {% endif %}
),

ledger as (
    select * from {{ ref('int_cost_ledger_allocated') }}
    {% if is_incremental() %}where month in (select recomputed_months.month from recomputed_months){% endif %}
),

support_costs as (
    select * from {{ ref('stg_finance__support_costs') }}
    {% if is_incremental() %}where month in (select recomputed_months.month from recomputed_months){% endif %}
),

conversation_months as (
    select
        conversation_id,
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        -- the conversation's units of each allocation basis
        case when is_human_involved then agent_message_count else 0 end as agent_message_weight,
        case when is_bot_involved then bot_message_count else 0 end as bot_message_weight,
        last_load_id
    from conversations
),

cost_loads as (
    -- the latest load that added a row to each month's ledger
    select
        month,
        max(_load_id) as last_load_id
    from support_costs
    group by month
),

month_basis_totals as (
    -- each allocation basis's units in a month, by a hash aggregate (not a window over conversation x category)
    select
        month,
        sum(agent_message_weight) as agent_message_total,
        sum(bot_message_weight) as bot_message_total,
        sum(1) as conversation_total
    from conversation_months
    group by month
),

allocation_weight_totals as (
    -- one row per conversation × cost category of its month: the conversation's units of the category's basis,
    -- and the month's
    select
        conversation_months.conversation_id,
        ledger.category,
        ledger.allocated_amount,
        case ledger.allocation_basis
            when 'agent_messages' then conversation_months.agent_message_weight
            when 'bot_messages' then conversation_months.bot_message_weight
            when 'conversations' then 1
            else 0
        end as allocation_weight,
        case ledger.allocation_basis
            when 'agent_messages' then month_basis_totals.agent_message_total
            when 'bot_messages' then month_basis_totals.bot_message_total
            when 'conversations' then month_basis_totals.conversation_total
            else 0
        end as month_allocation_weight
    from conversation_months
    inner join ledger on conversation_months.month = ledger.month
    inner join month_basis_totals on conversation_months.month = month_basis_totals.month
),

category_allocations as (
    select
        conversation_id,
        category,
        {{ safe_divide('allocated_amount * allocation_weight', 'month_allocation_weight') }} as allocated_amount
    from allocation_weight_totals
),

conversation_category_costs as (
    select
        conversation_id,
        sum(case when category = 'agent_labor' then allocated_amount end) as agent_labor_cost,
        sum(case when category = 'training' then allocated_amount end) as training_cost,
        sum(case when category = 'qa' then allocated_amount end) as qa_cost,
        sum(case when category = 'ai_usage' then allocated_amount end) as ai_usage_cost,
        sum(case when category = 'tooling' then allocated_amount end) as tooling_cost
    from category_allocations
    group by conversation_id
),

zero_filled as (
    select
        conversation_months.conversation_id,
        conversation_months.month,
        coalesce(conversation_category_costs.agent_labor_cost, 0) as agent_labor_cost,
        coalesce(conversation_category_costs.training_cost, 0) as training_cost,
        coalesce(conversation_category_costs.qa_cost, 0) as qa_cost,
        coalesce(conversation_category_costs.ai_usage_cost, 0) as ai_usage_cost,
        coalesce(conversation_category_costs.tooling_cost, 0) as tooling_cost,
        greatest(conversation_months.last_load_id, coalesce(cost_loads.last_load_id, 0)) as last_load_id
    from conversation_months
    left join conversation_category_costs
        on conversation_months.conversation_id = conversation_category_costs.conversation_id
    left join cost_loads on conversation_months.month = cost_loads.month
),

final as (
    select
        conversation_id,
        month,
        agent_labor_cost,
        training_cost,
        qa_cost,
        ai_usage_cost,
        tooling_cost,
        agent_labor_cost + training_cost + qa_cost + ai_usage_cost + tooling_cost as allocated_cost,
        last_load_id
    from zero_filled
)

select * from final
