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
        {{ staged_timestamps('billing', 'customers') }}
        {{ lineage_columns() }}
    from customers
)

select * from final
