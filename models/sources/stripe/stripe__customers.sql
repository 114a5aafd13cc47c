{#-
    billing.customers from Stripe: every Stripe customer with an email (a person support can meet), keeping its
    cus_ id and its email (hashed in staging), in the account metadata account_id names (else its own).
-#}
with

customer_accounts as (
    select * from {{ ref('stripe__customer_accounts') }}
),

final as (
    select
        customer_id,
        account_id,
        email,
        created_at,
        updated_at,
        {{ lineage_columns() }}
    from customer_accounts
    where email is not null and trim(email) <> ''
)

select * from final
