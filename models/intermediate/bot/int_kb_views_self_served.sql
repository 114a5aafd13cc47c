{#
    One row per knowledge-base view (docs/metrics.md §8): the same customer's next conversation strictly after it,
    whether that conversation came within kb_selfserve_window_hours (inclusive end), and so whether the view
    self-served. One window over each customer's views and conversations, never a join of every view with
    every conversation. A view counts in the month of its viewed_at.
#}
with

views as (
    select * from {{ ref('stg_helpdesk__kb_article_views') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

customer_timelines as (
    -- views and conversations of each customer on one time line; the view columns are null on conversations
    select
        customer_id,
        view_id as timeline_event_id,
        article_id,
        view_source,
        0 as is_conversation,
        viewed_at as event_at
    from views
    union all
    select
        customer_id,
        conversation_id as timeline_event_id,
        null as article_id,
        null as view_source,
        1 as is_conversation,
        created_at as event_at
    from conversations
    where customer_id is not null
),

next_conversations as (
    -- a conversation sorts before a view at the same instant, so only strictly later ones follow a view
    select
        *,
        min(case when is_conversation = 1 then event_at end) over (
            partition by customer_id
            order by event_at asc, is_conversation desc, timeline_event_id asc
            rows between 1 following and unbounded following
        ) as next_conversation_at
    from customer_timelines
),

views_with_next_conversation as (
    select
        timeline_event_id as view_id,
        customer_id,
        article_id,
        view_source,
        event_at as viewed_at,
        next_conversation_at
    from next_conversations
    where is_conversation = 0
),

contacts_flagged as (
    select
        *,
        coalesce(
            next_conversation_at <= {{ dbt.dateadd('hour', var('kb_selfserve_window_hours'), 'viewed_at') }},
            false
        ) as has_contact_after_view
    from views_with_next_conversation
),

final as (
    select
        view_id,
        customer_id,
        article_id,
        view_source,
        cast({{ dbt.date_trunc('month', 'viewed_at') }} as date) as month,
        not has_contact_after_view as is_self_served,
        has_contact_after_view,
        viewed_at,
        next_conversation_at
    from contacts_flagged
)

select * from final
