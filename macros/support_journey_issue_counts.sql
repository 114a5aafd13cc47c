{#-
    Issue counts behind the support journey of docs/metrics.md §7, one row per window: the issues opened in the
    half-open window [window_start_at, window_end_at) by the customers who belong to the window's account now,
    judged in their final state. `windows` names a relation or CTE with the key columns, account_id,
    window_start_at and window_end_at; `issues` and `customers` name the CTEs of int_issues_summarized and
    stg_billing__customers. Feed the counts to support_journey() for the journey itself. Used by
    int_account_months_journeyed (the 90 days before each month) and int_survey_responses_attributed (the 90
    days before each response), so both judge journeys the same way.
-#}
{% macro support_journey_issue_counts(windows, key_columns, issues='issues', customers='customers') -%}
    select
        {%- for key_column in key_columns %}
        {{ windows }}.{{ key_column }},
        {%- endfor %}
        count({{ issues }}.issue_id) as issue_count,
        count(case when {{ issues }}.is_settled and not {{ issues }}.is_resolved then 1 end)
            as unresolved_issue_count,
        count(case when {{ issues }}.conversation_count > 1 then 1 end) as repeat_contact_issue_count,
        count(case when {{ issues }}.issue_path = 'ai_to_human' then 1 end) as escalated_issue_count
    from {{ windows }}
    left join {{ customers }}
        on {{ windows }}.account_id = {{ customers }}.account_id
    left join {{ issues }}
        on
            {{ customers }}.customer_id = {{ issues }}.customer_id
            and {{ in_window(windows, issues ~ '.opened_at') }}
    group by
        {%- for key_column in key_columns %}
        {{ windows }}.{{ key_column }}{{ "," if not loop.last }}
        {%- endfor %}
{%- endmacro %}
