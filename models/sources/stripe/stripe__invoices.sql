{#-
    billing.invoices from Stripe (docs/sources/stripe.md): drafts left out (not issued yet); paid -> paid, or
    refunded when a charge of it was fully refunded; open -> open, or failed when its latest charge failed;
    uncollectible -> failed; void -> void. Issued when finalized; cents to currency units.
-#}
with

invoices as (
    select * from {{ ref('base_stripe__invoice') }}
),

charges as (
    select * from {{ ref('base_stripe__charge') }}
),

customer_accounts as (
    select * from {{ ref('stripe__customer_accounts') }}
),

charges_ranked as (
    select
        invoice_id,
        lower(status) as status,
        coalesce(refunded, false) or (amount_refunded > 0 and amount_refunded >= amount) as is_refunded,
        row_number() over (partition by invoice_id order by created desc, id desc) as recency
    from charges
    where invoice_id is not null
),

invoice_charges as (
    select
        invoice_id,
        max(case when is_refunded then 1 else 0 end) = 1 as is_refunded,
        max(case when recency = 1 and status = 'failed' then 1 else 0 end) = 1 as last_charge_failed
    from charges_ranked
    group by invoice_id
),

final as (
    select
        invoices.id as invoice_id,
        coalesce(customer_accounts.account_id, invoices.customer_id) as account_id,
        invoices.subscription_id,
        coalesce(invoices.status_transitions_finalized_at, invoices.created) as issued_at,
        cast(cast(invoices.total as {{ decimal_amount() }}) / 100 as {{ decimal_amount() }}) as amount,
        upper(trim(invoices.currency)) as currency,
        case lower(trim(invoices.status))
            when 'paid' then case when invoice_charges.is_refunded then 'refunded' else 'paid' end
            when 'open' then case when invoice_charges.last_charge_failed then 'failed' else 'open' end
            when 'uncollectible' then 'failed'
            else lower(trim(invoices.status))
        end as status,
        invoices.status_transitions_paid_at as paid_at,
        coalesce(invoices._fivetran_synced, invoices.created) as updated_at,
        invoices._source_file,
        invoices._source_row,
        invoices._load_id,
        invoices._loaded_at
    from invoices
    left join invoice_charges on invoices.id = invoice_charges.invoice_id
    left join customer_accounts on invoices.customer_id = customer_accounts.customer_id
    where coalesce(lower(trim(invoices.status)), '') <> 'draft'
)

select * from final
