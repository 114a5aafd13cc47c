{#
    Every published rate lies in 0..1 and every NPS in -100..100 (docs/metrics.md). Returns the offending mart, column
    and value; zero rows is a pass.
#}
{% set rates = [
    ('mart_issue_outcomes_weekly', ['fcr_rate', 'deflection_rate', 'recontact_rate']),
    ('mart_csat_ces_weekly', ['csat', 'ces_easy_rate']),
    ('mart_bot_quality_weekly', ['bot_resolution_rate', 'fallback_rate', 'intent_accuracy', 'escalation_rate',
                                 'forced_containment_rate']),
    ('mart_retention_monthly', ['churn_rate']),
    ('mart_leads_monthly', ['lead_capture_rate', 'lead_conversion_rate']),
    ('mart_bot_vs_human_monthly', ['resolution_rate', 'csat']),
    ('mart_agent_weekly', ['csat']),
] %}

with

out_of_bounds as (
    {% for model, columns in rates %}
        {% for column in columns %}
            select
                '{{ model }}' as mart,
                '{{ column }}' as column_name,
                cast({{ column }} as {{ type_double() }}) as value
            from {{ ref(model) }}
            where {{ column }} < 0 or {{ column }} > 1
            union all
        {% endfor %}
    {% endfor %}
    select
        'mart_nps_quarterly' as mart,
        'nps' as column_name,
        cast(nps as {{ type_double() }}) as value
    from {{ ref('mart_nps_quarterly') }}
    where nps < -100 or nps > 100
)

select * from out_of_bounds
