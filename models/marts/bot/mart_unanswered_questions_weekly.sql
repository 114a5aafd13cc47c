{#
    One row per week × rank (docs/metrics.md §8): the top unanswered_top_n questions customers asked right before
    a bot fallback, ranked in int_unanswered_questions_ranked.
#}
with

questions_ranked as (
    select * from {{ ref('int_unanswered_questions_ranked') }}
),

final as (
    select
        week,
        cast(rank as bigint) as rank,
        question_text,
        occurrence_count,
        top_intent
    from questions_ranked
)

select * from final
