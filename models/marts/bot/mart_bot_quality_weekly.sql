{#
    One row per week × intent over bot-involved conversations (docs/metrics.md §4): bot resolution, fallbacks,
    intent accuracy against human-confirmed intents, escalation, forced containment and depth.
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

counted as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        intent,
        count(*) as bot_conversation_count,
        count(case when resolution_path = 'ai_only' and is_resolved then 1 end) as bot_resolved_count,
        cast(sum(bot_message_count) as {{ dbt.type_bigint() }}) as bot_message_count,
        cast(sum(fallback_message_count) as {{ dbt.type_bigint() }}) as fallback_message_count,
        count(is_intent_match) as intent_labeled_count,
        count(case when is_intent_match then 1 end) as intent_match_count,
        count(case when is_escalated then 1 end) as escalated_count,
        count(case when is_forced_containment then 1 end) as forced_containment_count,
        cast(sum(depth) as {{ dbt.type_bigint() }}) as depth_sum
    from conversations
    where is_bot_involved
    group by week, intent
),

final as (
    -- the published column order is the contract's (the YAML), each rate beside its parts
    select
        *,
        {{ rate_columns({
            'bot_resolution_rate': ['bot_resolved_count', 'bot_conversation_count'],
            'fallback_rate': ['fallback_message_count', 'bot_message_count'],
            'intent_accuracy': ['intent_match_count', 'intent_labeled_count'],
            'escalation_rate': ['escalated_count', 'bot_conversation_count'],
            'forced_containment_rate': ['forced_containment_count', 'bot_conversation_count'],
            'avg_depth': ['depth_sum', 'bot_conversation_count'],
        }) }}
    from counted
)

select * from final
