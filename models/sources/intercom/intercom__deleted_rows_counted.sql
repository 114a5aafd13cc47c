{#
    The rows the base models dropped because Fivetran marked them deleted (_fivetran_deleted), per connector
    table: dropped in the adapter, and counted here. A table not landed (team, team_admin are optional) counts 0.
#}
{% set tables = ['conversation_history', 'conversation_part_history', 'contact_history', 'admin', 'team',
                 'team_admin'] %}

with

{% for table in tables %}
    {%- set relation = source('intercom', table) %}
    {{ table }}_flags as (
        select {{ connector_columns(relation, [['_fivetran_deleted', 'boolean']]) }}
        {%- if execute and adapter.get_relation(relation.database, relation.schema, relation.identifier) is none %}
            where 1 = 0
        {%- else %}
            from {{ relation }}
        {%- endif %}
    ),
{% endfor %}

counted as (
    {% for table in tables %}
        select
            '{{ table }}' as table_name,
            count(case when _fivetran_deleted then 1 end) as deleted_row_count
        from {{ table }}_flags
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select * from counted
)

select * from final
