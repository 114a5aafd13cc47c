{#-
    The support journey of docs/metrics.md §7 from per-window issue flags, worst first:
    unresolved > repeat_contact > escalated > resolved_first_contact > no_contact.
    Arguments are SQL counts over the issues opened in the window.
-#}
{% macro support_journey(issue_count, unresolved_count, repeat_count, escalated_count) -%}
    case
        when coalesce({{ unresolved_count }}, 0) > 0 then 'unresolved'
        when coalesce({{ repeat_count }}, 0) > 0 then 'repeat_contact'
        when coalesce({{ escalated_count }}, 0) > 0 then 'escalated'
        when coalesce({{ issue_count }}, 0) > 0 then 'resolved_first_contact'
        else 'no_contact'
    end
{%- endmacro %}

{#- True when the instant lies in the window's half-open interval [window_start_at, window_end_at) (docs/metrics.md §7). -#}
{% macro in_window(windows, instant) -%}
    ({{ windows }}.window_start_at <= {{ instant }} and {{ windows }}.window_end_at > {{ instant }})
{%- endmacro %}
