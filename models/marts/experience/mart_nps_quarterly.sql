{#
    One row per quarter × segment (docs/metrics.md §3): NPS from the latest response per customer and quarter,
    overall and by the account's current plan tier, segment and region, by tenure band and by support journey
    over the 90 days before the response.
#}
{% set segment_types = ['plan_tier', 'segment', 'region', 'tenure_band', 'support_journey'] %}

with

responses as (
    select * from {{ ref('fct_survey_responses') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

nps_responses as (
    select
        cast({{ dbt.date_trunc('quarter', 'responses.responded_at') }} as date) as quarter,
        responses.nps_category,
        coalesce(accounts.plan_tier, 'unknown') as plan_tier,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.region, 'unknown') as region,
        coalesce(responses.tenure_band, 'unknown') as tenure_band,
        coalesce(responses.support_journey, 'unknown') as support_journey
    from responses
    left join accounts on responses.account_id = accounts.account_id
    where responses.survey_type = 'nps'
),

segmented as (
    select
        quarter,
        'overall' as segment_type,
        'all' as segment_value,
        nps_category
    from nps_responses
    {% for segment_type in segment_types %}
        union all
        select
            quarter,
            '{{ segment_type }}' as segment_type,
            {{ segment_type }} as segment_value,
            nps_category
        from nps_responses
    {% endfor %}
),

counted as (
    select
        quarter,
        segment_type,
        segment_value,
        count(*) as response_count,
        count(case when nps_category = 'promoter' then 1 end) as promoter_count,
        count(case when nps_category = 'passive' then 1 end) as passive_count,
        count(case when nps_category = 'detractor' then 1 end) as detractor_count
    from segmented
    group by quarter, segment_type, segment_value
),

final as (
    select
        *,
        100 * {{ safe_divide('promoter_count - detractor_count', 'response_count') }} as nps
    from counted
)

select * from final
