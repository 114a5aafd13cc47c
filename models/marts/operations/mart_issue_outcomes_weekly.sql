{#
    One row per week of opening × first channel × intent × issue path (docs/metrics.md §2): issues, and of the
    settled ones FCR, true deflection, re-contact and cross-channel; rates over settled issues.
#}
with

issues as (
    select * from {{ ref('fct_issues') }}
),

counted as (
    select
        cast({{ dbt.date_trunc('week', 'opened_at') }} as date) as week,
        first_channel,
        intent,
        issue_path,
        count(*) as issue_count,
        count(case when is_settled then 1 end) as settled_count,
        count(case when is_settled and is_fcr then 1 end) as fcr_count,
        count(case when is_settled and is_deflected then 1 end) as deflected_count,
        count(case when is_settled and is_recontacted then 1 end) as recontacted_count,
        count(case when is_settled and is_cross_channel then 1 end) as cross_channel_count,
        cast(coalesce(sum(deflection_leakage_count), 0) as {{ dbt.type_bigint() }}) as deflection_leakage_count
    from issues
    group by week, first_channel, intent, issue_path
),

final as (
    -- the published column order is the contract's (the YAML), each rate beside its parts
    select
        *,
        {{ rate_columns({
            'fcr_rate': ['fcr_count', 'settled_count'],
            'deflection_rate': ['deflected_count', 'settled_count'],
            'recontact_rate': ['recontacted_count', 'settled_count'],
        }) }}
    from counted
)

select * from final
