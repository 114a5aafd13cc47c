{#- Stripe products as landed (an optional table: no rows when it is not there); soft-deleted rows left out. -#}
{%- set relation = source('stripe', 'product') -%}
{%- set landed_relation = load_relation(relation) if execute else relation -%}
with

landed as (
    select
        {{ connector_columns(relation, [
            ['id', 'string'], ['name', 'string'], ['livemode', 'boolean'], ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns()) }}
    {% if landed_relation -%}
        from {{ relation }}
    {%- else -%}
        from (select 1 as no_table) as missing
        where 1 = 0
    {%- endif %}
),

final as (
    select
        id,
        name,
        {{ connector_lineage('stripe.product') }}
    from landed
    where not coalesce(_fivetran_deleted, false) and coalesce(livemode, true)
)

select * from final
