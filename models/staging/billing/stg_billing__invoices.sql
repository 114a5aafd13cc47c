{# One row per invoice: its latest version; status normalized, currency upper-cased. #}
with

invoices as (
    {{ deduplicated_source('billing', 'invoices') }}
),

final as (
    select
        invoice_id,
        account_id,
        subscription_id,
        {{ normalize_enum('status') }} as status,
        amount,
        upper({{ trim_whitespace('currency') }}) as currency,
        superseded_version_count,
        {{ staged_timestamps('billing', 'invoices') }}
        {{ lineage_columns() }}
    from invoices
)

select * from final
