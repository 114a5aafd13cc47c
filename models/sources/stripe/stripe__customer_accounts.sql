{#-
    Every Stripe customer with the account it belongs to: metadata key account_id names the account when the
    customer is one of several people of a company; without it the customer is its own account (is_account).
    Account attributes (plan_tier, segment, industry, region) come from metadata keys of the same names; Stripe
    has no other source for them (docs/sources/stripe.md).
-#}
{%- set metadata_value = {
    'postgres': "nullif(trim(cast(metadata as json) ->> '{key}'), '')",
    'spark': "nullif(trim(get_json_object(metadata, '$.{key}')), '')",
}.get(target.type, "nullif(trim(json_extract_string(metadata, '$.{key}')), '')") -%}
with

customers as (
    select * from {{ ref('base_stripe__customer') }}
),

final as (
    select
        id as customer_id,
        coalesce({{ metadata_value.format(key='account_id') }}, id) as account_id,
        coalesce({{ metadata_value.format(key='account_id') }}, id) = id as is_account,
        email,
        coalesce(nullif(trim(name), ''), nullif(trim(description), '')) as account_name,
        {{ metadata_value.format(key='plan_tier') }} as plan_tier,
        {{ metadata_value.format(key='region') }} as region,
        {{ metadata_value.format(key='industry') }} as industry,
        {{ metadata_value.format(key='segment') }} as segment,
        created as created_at,
        coalesce(_fivetran_synced, created) as updated_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from customers
)

select * from final
