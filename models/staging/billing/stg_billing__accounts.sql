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
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        {{ lineage_columns() }}
    from accounts
)

select * from final
