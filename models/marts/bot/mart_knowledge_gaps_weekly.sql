{#
    One row per week × intent with a knowledge gap (docs/metrics.md §8): escalations for missing_knowledge and bot
    fallback messages, with the week's conversations of that intent beside them so a BI tool can rank gaps
    by their share as well as their size.
#}
with

gaps as (
    select * from {{ ref('int_knowledge_gaps_counted') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

weekly_conversations as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        intent,
        count(*) as conversation_count,
        count(case when is_bot_involved then 1 end) as bot_involved_count,
        cast(sum(bot_message_count) as {{ dbt.type_bigint() }}) as bot_message_count
    from conversations
    group by cast({{ dbt.date_trunc('week', 'created_at') }} as date), intent
),

final as (
    select
        gaps.week,
        gaps.intent,
        weekly_conversations.conversation_count,
        weekly_conversations.bot_involved_count,
        gaps.missing_knowledge_escalation_count,
        {{ safe_divide('gaps.missing_knowledge_escalation_count', 'weekly_conversations.bot_involved_count') }}
            as missing_knowledge_escalation_rate,
        weekly_conversations.bot_message_count,
        gaps.fallback_message_count,
        {{ safe_divide('gaps.fallback_message_count', 'weekly_conversations.bot_message_count') }}
            as fallback_rate
    from gaps
    inner join weekly_conversations
        on gaps.week = weekly_conversations.week and gaps.intent = weekly_conversations.intent
)

select * from final
