{# One row per account (a business, not a person): its latest version; plan tier and segment normalized. #}
with

source as (
    select * from {{ source('billing', 'accounts') }}
),

ranked as (
    {{ deduplicate_rows('source', 'account_id', keep='latest_version') }}
),

final as (
    select
        account_id,
        account_name,
        {{ normalize_enum('plan_tier') }} as plan_tier,
        {{ normalize_enum('segment') }} as segment,
        region,
        industry,
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
