{#
    The as-of time, one row (docs/metrics.md §2): the variable as_of when it is set, else the latest created_at
    among all conversations. Every model that judges state "now" (settled issues, zero-response age, the last
    account month, the benchmark window) reads it here, so one variable moves them all together.
#}
with

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

final as (
    {% if var('as_of') %}
        select cast('{{ var("as_of") }}' as {{ dbt.type_timestamp() }}) as as_of_at
    {% else %}
        -- no conversations, no as-of time (and no row: nothing downstream is judged "now")
        select max(created_at) as as_of_at
        from conversations
        having count(*) > 0
    {% endif %}
)

select * from final
