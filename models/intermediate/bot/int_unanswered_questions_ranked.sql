{#
    One row per week × rank (docs/metrics.md §8): the questions customers asked right before a bot fallback in the
    ISO week of their conversation, ranked by occurrences (ties by text), the top unanswered_top_n, each with
    its most frequent intent that week (ties alphabetical). Fallbacks without question text do not count.
#}
with

questions as (
    select * from {{ ref('int_fallback_questions_extracted') }}
),

question_intents as (
    select
        week,
        question_text,
        intent,
        count(*) as intent_occurrence_count
    from questions
    where question_text is not null
    group by week, question_text, intent
),

intents_ranked as (
    select
        week,
        question_text,
        intent,
        row_number() over (
            partition by week, question_text
            order by intent_occurrence_count desc, intent asc
        ) as intent_rank
    from question_intents
),

question_occurrences as (
    select
        week,
        question_text,
        cast(sum(intent_occurrence_count) as {{ dbt.type_bigint() }}) as occurrence_count
    from question_intents
    group by week, question_text
),

questions_ranked as (
    select
        question_occurrences.week,
        question_occurrences.question_text,
        question_occurrences.occurrence_count,
        intents_ranked.intent as top_intent,
        row_number() over (
            partition by question_occurrences.week
            order by question_occurrences.occurrence_count desc, question_occurrences.question_text asc
        ) as rank
    from question_occurrences
    inner join intents_ranked
        on
            question_occurrences.week = intents_ranked.week
            and question_occurrences.question_text = intents_ranked.question_text
            and intents_ranked.intent_rank = 1
),

final as (
    select
        week,
        rank,
        question_text,
        top_intent,
        occurrence_count
    from questions_ranked
    where rank <= {{ var('unanswered_top_n') }}
)

select * from final
