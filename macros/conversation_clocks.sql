{#-
    Which conversations of int_conversations_enriched still run an SLA clock to the as-of time (docs/metrics.md §12):
    the wait for a human answer, where one is expected (escalated, or a person took part) and none came yet; and the
    resolution clock of an open conversation. Only their rows change as the as-of moves. `relation` qualifies the
    columns ('' leaves them bare).
-#}
{% macro human_response_awaited(relation='conversations') -%}
    {%- set c = relation ~ '.' if relation else '' -%}
    ({{ c }}first_human_response_at is null and ({{ c }}is_escalated or {{ c }}is_human_involved))
{%- endmacro %}


{% macro conversation_clock_runs_to_as_of(relation='conversations') -%}
    {%- set c = relation ~ '.' if relation else '' -%}
    ({{ human_response_awaited(relation) }} or {{ c }}status = 'open')
{%- endmacro %}
