{#- Stripe customers as landed: the columns the adapter reads; soft-deleted and test-mode rows left out. -#}
{%- set relation = source('stripe', 'customer') -%}
with

landed as (
    select
        {{ connector_columns(relation, [
            ['id', 'string'], ['created', 'timestamp'], ['email', 'string'], ['name', 'string'],
            ['description', 'string'], ['metadata', 'string'], ['currency', 'string'],
            ['is_deleted', 'boolean'], ['livemode', 'boolean'], ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns()) }}
    from {{ relation }}
),

final as (
    select
        id,
        created,
        email,
        name,
        description,
        metadata,
        currency,
        is_deleted,
        _fivetran_synced,
        {{ connector_lineage('stripe.customer') }}
    from landed
    where not coalesce(_fivetran_deleted, false) and coalesce(livemode, true)
)

select * from final
