{#-
    Stripe charges as landed (an optional table: no rows when it is not there): what marks an invoice refunded or
    its payment failed. Soft-deleted and test-mode rows left out.
-#}
{%- set relation = source('stripe', 'charge') -%}
{%- set landed_relation = load_relation(relation) if execute else relation -%}
with

landed as (
    select
        {{ connector_columns(relation, [
            ['id', 'string'], ['invoice_id', 'string'], ['status', 'string'], ['amount', 'bigint'],
            ['amount_refunded', 'bigint'], ['refunded', 'boolean'], ['created', 'timestamp'],
            ['livemode', 'boolean'], ['_fivetran_deleted', 'boolean'],
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
        invoice_id,
        status,
        amount,
        amount_refunded,
        refunded,
        created,
        {{ connector_lineage('stripe.charge') }}
    from landed
    where not coalesce(_fivetran_deleted, false) and coalesce(livemode, true)
)

select * from final
