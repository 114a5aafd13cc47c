{#
    One row per week × rank (metrics.md §8): the questions customers asked right before a bot fallback,
    ranked by occurrences (ties by text), top unanswered_top_n, with each question's most frequent intent.
#}
with

questions as (
    select * from {{ ref('int_fallback_questions_extracted') }}
    where question_text != ''
),

question_intents as (
    select
        week,
        question_text,
        intent,
        count(*) as intent_count
    from questions
    group by week, question_text, intent
),

top_intents as (
    select
        week,
        question_text,
        intent,
        row_number() over (partition by week, question_text order by intent_count desc, intent asc) as intent_rank
    from question_intents
),

occurrences as (
    select
        week,
        question_text,
        sum(intent_count) as occurrence_count
    from question_intents
    group by week, question_text
),

ranked as (
    select
        occurrences.week,
        occurrences.question_text,
        occurrences.occurrence_count,
        top_intents.intent as top_intent,
        row_number() over (
            partition by occurrences.week
            order by occurrences.occurrence_count desc, occurrences.question_text asc
        ) as rank
    from occurrences
    inner join top_intents
        on
            occurrences.week = top_intents.week
            and occurrences.question_text = top_intents.question_text
            and top_intents.intent_rank = 1
),

final as (
    select
        week,
        rank,
        question_text,
        occurrence_count,
        top_intent
    from ranked
    where rank <= {{ var('unanswered_top_n') }}
)

select * from final
