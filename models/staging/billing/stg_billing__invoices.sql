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
        cast(issued_at as {{ dbt.type_timestamp() }}) as issued_at,
        cast(paid_at as {{ dbt.type_timestamp() }}) as paid_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        {{ lineage_columns() }}
    from invoices
)

select * from final
