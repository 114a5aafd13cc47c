{# One row per account (a business, not a person): its latest version; plan tier and segment normalized. #}
with

accounts as (
    {{ deduplicated_source('billing', 'accounts') }}
),

final as (
    select
        account_id,
        account_name,
        {{ normalize_enum('plan_tier') }} as plan_tier,
        {{ normalize_enum('segment') }} as segment,
        region,
        industry,
        superseded_version_count,
        {{ staged_timestamps('billing', 'accounts') }}
        {{ lineage_columns() }}
    from accounts
)

select * from final
