{#-
    Whether an issue is settled at as_of_at (docs/metrics.md §2): none of its conversations is open and the
    latest closed_at is more than recontact_window_days before as_of_at. `issue` names a relation or CTE with
    open_conversation_count and last_closed_at. int_issues_summarized judges its issues with it, and judges
    its stored issues again at a new as-of time to find the ones the move settles (or unsettles).
-#}
{% macro issue_is_settled(issue, as_of_at) -%}
    {{ issue }}.open_conversation_count = 0
    and {{ seconds_between(issue ~ '.last_closed_at', as_of_at) }} > {{ var('recontact_window_days') * 86400 }}
{%- endmacro %}
