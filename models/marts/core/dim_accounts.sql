{# One row per account (its current version): the dimensions segments and NPS are cut by. #}
with

accounts as (
    select * from {{ ref('stg_billing__accounts') }}
),

final as (
    select
        account_id,
        account_name,
        plan_tier,
        segment,
        region,
        industry,
        created_at
    from accounts
)

select * from final
