{#
    One row per knowledge-base view (metrics.md §8): the same customer's next conversation strictly after it,
    and whether the view self-served (no conversation within kb_selfserve_window_hours, inclusive end).
    One window over views and conversations per customer; no join of every view with every conversation.
#}
with

views as (
    select * from {{ ref('stg_helpdesk__kb_article_views') }}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
),

timeline as (
    select
        customer_id,
        view_id as event_id,
        viewed_at as event_at,
        1 as event_order,
        'view' as event_kind
    from views
    union all
    select
        customer_id,
        conversation_id as event_id,
        created_at as event_at,
        0 as event_order,
        'conversation' as event_kind
    from conversations
),

next_contacts as (
    -- at an equal timestamp the conversation sorts first, so only strictly later ones follow a view
    select
        event_id as view_id,
        min(case when event_kind = 'conversation' then event_at end) over (
            partition by customer_id
            order by event_at, event_order, event_id
            rows between 1 following and unbounded following
        ) as next_conversation_at,
        event_kind
    from timeline
),

flagged as (
    select
        views.view_id,
        views.customer_id,
        views.article_id,
        views.view_source,
        cast({{ dbt.date_trunc('month', 'views.viewed_at') }} as date) as month,
        coalesce(
            {{ seconds_between('views.viewed_at', 'next_contacts.next_conversation_at') }}
            <= {{ var('kb_selfserve_window_hours') * 3600 }},
            false
        ) as has_contact_after_view,
        views.viewed_at,
        next_contacts.next_conversation_at
    from views
    inner join next_contacts on views.view_id = next_contacts.view_id and next_contacts.event_kind = 'view'
),

final as (
    select
        *,
        not has_contact_after_view as is_self_served
    from flagged
)

select * from final
