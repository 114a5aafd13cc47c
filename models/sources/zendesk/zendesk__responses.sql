{#-
    Satisfaction ratings as the contract's CSAT responses (docs/sources/zendesk.md "Surveys"): good/bad on the 0-1
    scale (1/0), the multi-level 1 to 5 on the 1-5 scale; offered, unoffered or anything else is no answer and is
    left out. sent_at = created_at (the offer), responded_at = updated_at. Zendesk has no CES or NPS.
-#}
with

ratings as (
    select * from {{ ref('base_zendesk__satisfaction_rating') }}
),

people as (
    select * from {{ ref('zendesk__users_classified') }}
),

scored as (
    select
        ratings.*,
        lower(trim(ratings.score)) as score_text
    from ratings
    where lower(trim(ratings.score)) in ('good', 'bad', '1', '2', '3', '4', '5')
),

final as (
    select
        cast(scored.id as {{ dbt.type_string() }}) as response_id,
        'csat' as survey_type,
        cast(scored.ticket_id as {{ dbt.type_string() }}) as conversation_id,
        coalesce(
            people.customer_id, 'zendesk:' || cast(scored.requester_id as {{ dbt.type_string() }})
        ) as customer_id,
        scored.created_at as sent_at,
        coalesce(scored.updated_at, scored.created_at) as responded_at,
        case scored.score_text
            when 'good' then cast(1 as {{ type_double() }})
            when 'bad' then cast(0 as {{ type_double() }})
            else cast(scored.score_text as {{ type_double() }})
        end as score,
        cast(case when scored.score_text in ('good', 'bad') then 0 else 1 end as {{ dbt.type_int() }}) as scale_min,
        cast(case when scored.score_text in ('good', 'bad') then 1 else 5 end as {{ dbt.type_int() }}) as scale_max,
        scored.comment,
        scored._source_file,
        scored._source_row,
        scored._load_id,
        scored._loaded_at
    from scored
    left join people on scored.requester_id = people.user_id
)

select * from final
