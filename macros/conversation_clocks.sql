{#-
    Which conversations of int_conversations_enriched (as `relation`) still run an SLA clock to the as-of time
    (docs/metrics.md §12): the wait for a human answer, where one is expected (escalated, or a person took part) and
    none came yet; and the resolution clock of an open conversation. Only their rows change as the as-of moves.
-#}
{% macro human_response_awaited(relation='conversations') -%}
    ({{ relation }}.first_human_response_at is null and ({{ relation }}.is_escalated or {{ relation }}.is_human_involved))
{%- endmacro %}


{% macro conversation_clock_runs_to_as_of(relation='conversations') -%}
    ({{ human_response_awaited(relation) }} or {{ relation }}.status = 'open')
{%- endmacro %}


{#-
    In an incremental model keyed by conversation with a computed_as_of_at column: the conversations whose clock still
    runs and whose stored row was computed at another as-of time than int_as_of's (compared row by row: a single
    latest as-of would miss rows when a pinned `as_of` moves back and forth). A select of conversation_id.
-#}
{% macro conversations_with_stale_clocks() -%}
    select enriched.conversation_id
    from {{ ref('int_conversations_enriched') }} as enriched
    inner join {{ this }} as computed on enriched.conversation_id = computed.conversation_id
    inner join {{ ref('int_as_of') }} as as_of on computed.computed_as_of_at != as_of.as_of_at
    where {{ conversation_clock_runs_to_as_of('enriched') }}
{%- endmacro %}
