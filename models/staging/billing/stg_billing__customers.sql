{#
    One row per customer (a person): its latest version; the email replaced by a SHA-256 of the trimmed, lower-cased
    address (docs/metrics.md §9).
#}
with

customers as (
    {{ deduplicated_source('billing', 'customers') }}
),

final as (
    select
        customer_id,
        account_id,
        {{ hash_email('email') }} as email_sha256,
        superseded_version_count,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        {{ lineage_columns() }}
    from customers
)

select * from final
