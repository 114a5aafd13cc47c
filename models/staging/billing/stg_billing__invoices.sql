{# One row per invoice: its latest version; status normalized, currency upper-cased. #}
with

source as (
    select * from {{ source('billing', 'invoices') }}
),

ranked as (
    {{ deduplicate_rows('source', 'invoice_id', keep='latest_version') }}
),

final as (
    select
        invoice_id,
        account_id,
        subscription_id,
        {{ normalize_enum('status') }} as status,
        amount,
        upper({{ trim_whitespace('currency') }}) as currency,
        _key_row_count - 1 as superseded_version_count,
        cast(issued_at as {{ dbt.type_timestamp() }}) as issued_at,
        cast(paid_at as {{ dbt.type_timestamp() }}) as paid_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
