{#
    One row per week × intent with a knowledge gap (docs/metrics.md §8): conversations escalated for
    missing_knowledge (the reason of their earliest escalation, §1) and bot fallback messages, both in the
    ISO week of the conversation's created_at.
#}
with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

weekly_counts as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        intent,
        count(case when is_escalated and escalation_reason = 'missing_knowledge' then 1 end)
            as missing_knowledge_escalation_count,
        cast(sum(fallback_message_count) as {{ dbt.type_bigint() }}) as fallback_message_count
    from conversations
    group by cast({{ dbt.date_trunc('week', 'created_at') }} as date), intent
),

final as (
    -- no empty rows: a week and intent appears where at least one gap was counted
    select
        week,
        intent,
        missing_knowledge_escalation_count,
        fallback_message_count
    from weekly_counts
    where missing_knowledge_escalation_count > 0 or fallback_message_count > 0
)

select * from final
