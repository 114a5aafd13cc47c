{#- billing.accounts from Stripe: the customers that are their own account (no metadata account_id of another). -#}
with

customer_accounts as (
    select * from {{ ref('stripe__customer_accounts') }}
),

final as (
    select
        account_id,
        account_name,
        plan_tier,
        region,
        industry,
        segment,
        created_at,
        updated_at,
        {{ lineage_columns() }}
    from customer_accounts
    where is_account
)

select * from final
