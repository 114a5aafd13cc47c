{#-
    How many rows Fivetran marked deleted (_fivetran_deleted) in each Zendesk table: the base models drop them,
    this counts them (docs/sources/zendesk.md). A table without the column, or not landed, counts 0.
-#}
{%- set tables = ['ticket', 'ticket_comment', 'user', 'group', 'group_member', 'organization',
                  'satisfaction_rating', 'schedule', 'schedule_holiday'] -%}

with

{% for table in tables -%}
    {%- set relation = load_relation(source('zendesk', table)) -%}
    deleted_{{ table }} as (
        select
            '{{ table }}' as table_name,
            count(*) as deleted_row_count
        from (
            select {{ connector_columns(source('zendesk', table), [['_fivetran_deleted', 'boolean']]) }}
            {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
        ) as landed
        where landed._fivetran_deleted
    ),

{% endfor -%}
final as (
    {%- for table in tables %}
        select * from deleted_{{ table }}
        {{- '\n    union all' if not loop.last }}
    {%- endfor %}
)

select * from final
