{#
    One row per week × metric (metrics.md §10): the week's value, the week before, the change, the mean of
    the 4 weeks before, the target and whether the metric is on track, drifting (moved the wrong way three
    weeks in a row) and the worst of its week (off track, furthest from target relative to the target).
#}
with

conversations as (
    select * from {{ ref('fct_conversations') }}
),

issues as (
    select * from {{ ref('fct_issues') }}
),

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

targets as (
    select * from {{ ref('metric_targets') }}
),

conversation_weeks as (
    select
        cast({{ dbt.date_trunc('week', 'created_at') }} as date) as week,
        {{ safe_divide(
            'count(case when is_bot_involved and is_escalated then 1 end)',
            'count(case when is_bot_involved then 1 end)') }} as escalation_rate,
        {{ safe_divide(
            "count(case when resolution_path = 'ai_only' and is_resolved then 1 end)",
            'count(case when is_bot_involved then 1 end)') }} as bot_resolution_rate,
        {{ safe_divide(
            "count(case when resolution_path = 'ai_only' and is_resolved then 1 end)", 'count(*)') }}
            as automation_rate,
        {{ safe_divide('sum(fallback_message_count)', 'sum(bot_message_count)') }} as fallback_rate,
        {{ safe_divide('count(case when is_intent_match then 1 end)', 'count(is_intent_match)') }}
            as intent_accuracy,
        {{ safe_divide('count(case when has_lead then 1 end)', 'count(*)') }} as lead_capture_rate,
        {{ median('first_response_seconds') }} as first_response_median_seconds,
        {{ median('case when is_bot_involved then first_response_seconds end') }}
            as bot_first_response_median_seconds,
        {{ median('resolution_seconds') }} as resolution_median_seconds
    from conversations
    group by 1
),

issue_weeks as (
    select
        cast({{ dbt.date_trunc('week', 'opened_at') }} as date) as week,
        {{ safe_divide('count(case when is_settled and is_fcr then 1 end)', 'count(case when is_settled then 1 end)') }}
            as fcr_rate,
        {{ safe_divide(
            'count(case when is_settled and is_deflected then 1 end)',
            'count(case when is_settled then 1 end)') }} as deflection_rate
    from issues
    group by 1
),

transactional_survey_weeks as (
    select
        cast({{ dbt.date_trunc('week', 'conversations.created_at') }} as date) as week,
        {{ safe_divide(
            "count(case when responses.survey_type = 'csat' and responses.is_satisfied then 1 end)",
            "count(case when responses.survey_type = 'csat' then 1 end)") }} as csat,
        avg(case when responses.survey_type = 'ces' then responses.score end) as ces
    from responses
    inner join conversations on responses.conversation_id = conversations.conversation_id
    where responses.survey_type in ('csat', 'ces')
    group by 1
),

nps_weeks as (
    select
        cast({{ dbt.date_trunc('week', 'responded_at') }} as date) as week,
        100 * {{ safe_divide(
            "count(case when nps_category = 'promoter' then 1 end) - count(case when nps_category = 'detractor' then 1 end)",
            'count(*)') }} as nps
    from responses
    where survey_type = 'nps'
    group by 1
),

{% set metrics = {
    'conversation_weeks': ['escalation_rate', 'bot_resolution_rate', 'automation_rate', 'fallback_rate',
                           'intent_accuracy', 'lead_capture_rate', 'first_response_median_seconds',
                           'bot_first_response_median_seconds', 'resolution_median_seconds'],
    'issue_weeks': ['fcr_rate', 'deflection_rate'],
    'transactional_survey_weeks': ['csat', 'ces'],
    'nps_weeks': ['nps'],
} %}

metric_values as (
    {% for relation, names in metrics.items() %}
        {% for name in names %}
            select
                week,
                '{{ name }}' as metric,
                cast({{ name }} as {{ type_double() }}) as value
            from {{ relation }}
            where {{ name }} is not null
            {% if not loop.last %}union all{% endif %}
        {% endfor %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
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
        end as relative_gap_to_target
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
        is_drifting,
        coalesce(status = 'off_track', false) and off_track_rank = 1 as is_worst_of_week
    from streaks
)

select * from final
