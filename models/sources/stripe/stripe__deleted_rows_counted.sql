{#- The rows Fivetran marked deleted (_fivetran_deleted) that the base models left out, per Stripe table. -#}
{%- set tables = ['customer', 'subscription', 'subscription_history', 'subscription_item', 'price', 'plan',
                  'product', 'invoice', 'charge'] -%}
with

final as (
    {% for table in tables -%}
        {%- set relation = source('stripe', table) -%}
        {%- set landed_relation = load_relation(relation) if execute else relation -%}
        select
            '{{ table }}' as table_name,
            cast(count(*) as {{ dbt.type_bigint() }}) as deleted_row_count
        {% if landed_relation -%}
            from {{ relation }}
            where {{ adapter.quote('_fivetran_deleted') if '_fivetran_deleted' in
                     (adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list)
                     else 'false' }}
        {%- else -%}
            from (select 1 as no_table) as missing
            where 1 = 0
        {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final
