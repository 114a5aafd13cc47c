{#
    One row per week × metric (docs/metrics.md §10): the week's value, the week before, the change, the mean of
    the 4 weeks before, the target and whether the metric is on track, drifting (moved the wrong way three
    weeks in a row) and the worst of its week (off track, furthest from target relative to the target).
    Rates are never recomputed here: each is the week's sum of the numerator over the sum of the denominator
    that its family mart publishes (the roll-up every BI tool is told to do). Medians cannot be rolled up from
    parts, so the three weekly medians come from the conversation facts, and the weekly NPS (no family mart
    has a weekly grain for it) from the counted survey responses.
#}
with

bot_quality as (
    select * from {{ ref('mart_bot_quality_weekly') }}
),

support_daily as (
    select * from {{ ref('mart_support_daily') }}
),

issue_outcomes as (
    select * from {{ ref('mart_issue_outcomes_weekly') }}
),

csat_ces as (
    select * from {{ ref('mart_csat_ces_weekly') }}
),

conversations as (
    select * from {{ ref('fct_conversations') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

targets as (
    select * from {{ ref('metric_targets') }}
),

support_weeks as (
    select
        *,
        cast({{ dbt.date_trunc('week', 'date') }} as date) as week,
        case when resolution_path = 'ai_only' then resolved_count else 0 end as ai_only_resolved_count
    from support_daily
),

{#- Each rolled-up rate: the week's sum of a family mart's numerator part over the sum of its denominator. -#}
{% set rolled_up_rates = [
    ('escalation_rate', 'bot_quality', 'escalated_count', 'bot_conversation_count'),
    ('bot_resolution_rate', 'bot_quality', 'bot_resolved_count', 'bot_conversation_count'),
    ('fallback_rate', 'bot_quality', 'fallback_message_count', 'bot_message_count'),
    ('automation_rate', 'support_weeks', 'ai_only_resolved_count', 'conversation_count'),
    ('intent_accuracy', 'support_weeks', 'intent_match_count', 'intent_labeled_count'),
    ('lead_capture_rate', 'support_weeks', 'lead_count', 'conversation_count'),
    ('fcr_rate', 'issue_outcomes', 'fcr_count', 'settled_count'),
    ('deflection_rate', 'issue_outcomes', 'deflected_count', 'settled_count'),
    ('csat', 'csat_ces', 'csat_satisfied_count', 'csat_response_count'),
    ('ces', 'csat_ces', 'ces_score_sum', 'ces_response_count'),
] %}

rate_values as (
    {% for metric, family, numerator, denominator in rolled_up_rates %}
        select
            week,
            '{{ metric }}' as metric,
            {{ safe_divide('sum(' ~ numerator ~ ')', 'sum(' ~ denominator ~ ')') }} as value
        from {{ family }}
        group by week
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

median_weeks as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        {{ median('first_response_seconds') }} as first_response_median_seconds,
        {{ median('case when is_bot_involved then first_response_seconds end') }}
            as bot_first_response_median_seconds,
        {{ median('resolution_seconds') }} as resolution_median_seconds
    from conversations
    group by cast({{ dbt.date_trunc('week', 'created_at') }} as date)
),

nps_weeks as (
    select
        cast({{ dbt.date_trunc('week', 'responded_at') }} as date) as week,
        'nps' as metric,
        100 * {{ safe_divide(
            "count(case when nps_category = 'promoter' then 1 end) - count(case when nps_category = 'detractor' then 1 end)",
            'count(*)') }} as value
    from responses
    where survey_type = 'nps'
    group by cast({{ dbt.date_trunc('week', 'responded_at') }} as date)
),

metric_values as (
    select
        week,
        metric,
        cast(value as {{ type_double() }}) as value
    from rate_values
    where value is not null
    {% for name in ['first_response_median_seconds', 'bot_first_response_median_seconds',
                    'resolution_median_seconds'] %}
        union all
        select
            week,
            '{{ name }}' as metric,
            cast({{ name }} as {{ type_double() }}) as value
        from median_weeks
        where {{ name }} is not null
    {% endfor %}
    union all
    select
        week,
        metric,
        cast(value as {{ type_double() }}) as value
    from nps_weeks
    where value is not null
),

with_history as (
    select
        metric_values.week,
        metric_values.metric,
        metric_values.value,
        lag(metric_values.week) over by_week as previous_week,
        lag(metric_values.value) over by_week as previous_value,
        avg(metric_values.value) over (
            partition by metric_values.metric order by metric_values.week
            rows between 4 preceding and 1 preceding
        ) as trailing_4w_mean,
        count(*) over (
            partition by metric_values.metric order by metric_values.week
            rows between 4 preceding and 1 preceding
        ) as trailing_week_count
    from metric_values
    window by_week as (partition by metric_values.metric order by metric_values.week)
),

judged as (
    select
        with_history.week,
        with_history.metric,
        with_history.value,
        case
            when with_history.previous_week = {{ dbt.dateadd('day', -7, 'with_history.week') }}
                then with_history.previous_value
        end as previous_value,
        case when with_history.trailing_week_count = 4 then with_history.trailing_4w_mean end as trailing_4w_mean,
        targets.target,
        targets.direction
    from with_history
    left join targets on with_history.metric = targets.metric
),

moves as (
    select
        *,
        value - previous_value as change,
        case
            when direction = 'higher_is_better' then value - previous_value < 0
            when direction = 'lower_is_better' then value - previous_value > 0
        end as is_wrong_way_move,
        case
            when target is null then null
            when direction = 'higher_is_better' and value >= target then 'on_track'
            when direction = 'lower_is_better' and value <= target then 'on_track'
            else 'off_track'
        end as status,
        case
            when direction = 'higher_is_better' and value < target
                then {{ safe_divide('target - value', 'abs(target)') }}
            when direction = 'lower_is_better' and value > target
                then {{ safe_divide('value - target', 'abs(target)') }}
        end as relative_gap_to_target,
        case
            when direction = 'higher_is_better' then {{ safe_divide('value - target', 'abs(target)') }}
            when direction = 'lower_is_better' then {{ safe_divide('target - value', 'abs(target)') }}
        end as relative_margin_to_target
    from judged
),

streaks as (
    select
        *,
        coalesce(is_wrong_way_move, false)
        and coalesce(lag(is_wrong_way_move, 1) over by_week, false)
        and coalesce(lag(is_wrong_way_move, 2) over by_week, false) as is_drifting,
        row_number() over (
            partition by week
            order by case when status = 'off_track' then 0 else 1 end, relative_gap_to_target desc, metric asc
        ) as off_track_rank
    from moves
    window by_week as (partition by metric order by week)
),

final as (
    select
        week,
        metric,
        value,
        previous_value,
        change,
        trailing_4w_mean,
        target,
        direction,
        status,
        relative_gap_to_target,
        relative_margin_to_target,
        is_drifting,
        coalesce(status = 'off_track', false) and off_track_rank = 1 as is_worst_of_week
    from streaks
)

select * from final
