{#
    One row per customer (a person): its latest version; the email replaced by a SHA-256 of the trimmed, lower-cased
    address (metrics.md §9).
#}
with

source as (
    select * from {{ source('billing', 'customers') }}
),

ranked as (
    {{ deduplicate_rows('source', 'customer_id', keep='latest_version') }}
),

final as (
    select
        customer_id,
        account_id,
        {{ hash_email('email') }} as email_sha256,
        _key_row_count - 1 as superseded_version_count,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
