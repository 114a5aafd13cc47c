{#
    Conversations reconcile from staging to fct_conversations to mart_support_daily (and the daily glance). Returns
    the layers that disagree; zero rows is a pass.
#}
with

counts as (
    select
        'stg_helpdesk__conversations' as layer,
        count(*) as conversation_count
    from {{ ref('stg_helpdesk__conversations') }}
    union all
    select
        'fct_conversations' as layer,
        count(*) as conversation_count
    from {{ ref('fct_conversations') }}
    union all
    select
        'mart_support_daily' as layer,
        coalesce(sum(conversation_count), 0) as conversation_count
    from {{ ref('mart_support_daily') }}
    union all
    select
        'mart_daily_glance' as layer,
        coalesce(sum(conversation_count), 0) as conversation_count
    from {{ ref('mart_daily_glance') }}
),

final as (
    select
        layer,
        conversation_count,
        max(conversation_count) over () as most,
        min(conversation_count) over () as fewest
    from counts
)

select * from final
where most != fewest
