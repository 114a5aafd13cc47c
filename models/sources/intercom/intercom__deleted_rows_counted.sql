{#
    The rows the base models dropped because Fivetran marked them deleted (_fivetran_deleted), per connector
    table: dropped in the adapter, and counted here.
#}
{% set tables = ['conversation_history', 'conversation_part_history', 'contact_history', 'admin', 'team',
                 'team_admin'] %}

with

{% for table in tables %}
    {{ table }}_flags as (
        select {{ connector_columns(source('intercom', table), [['_fivetran_deleted', 'boolean']]) }}
        from {{ source('intercom', table) }}
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
