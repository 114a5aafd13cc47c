{#
    One row per month × article with a view or a suggestion (metrics.md §8): views, self-served views
    (no conversation by the customer within kb_selfserve_window_hours), contacts after a view, and bot
    suggestions; the article's current intent.
#}
with

views as (
    select * from {{ ref('int_kb_views_self_served') }}
),

events as (
    select * from {{ ref('stg_helpdesk__events') }}
),

articles as (
    select * from {{ ref('stg_helpdesk__kb_articles') }}
),

view_counts as (
    select
        month,
        article_id,
        count(*) as view_count,
        count(case when is_self_served then 1 end) as self_served_count,
        count(case when has_contact_after_view then 1 end) as contacts_after_view_count
    from views
    group by month, article_id
),

suggestion_counts as (
    select
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        article_id,
        count(*) as suggested_count
    from events
    where event_type = 'kb_article_suggested' and article_id is not null
    group by month, article_id
),

final as (
    select
        coalesce(view_counts.month, suggestion_counts.month) as month,
        coalesce(view_counts.article_id, suggestion_counts.article_id) as article_id,
        articles.intent,
        coalesce(view_counts.view_count, 0) as view_count,
        coalesce(view_counts.self_served_count, 0) as self_served_count,
        {{ safe_divide('view_counts.self_served_count', 'view_counts.view_count') }} as self_serve_rate,
        coalesce(view_counts.contacts_after_view_count, 0) as contacts_after_view_count,
        coalesce(suggestion_counts.suggested_count, 0) as suggested_count
    from view_counts
    full outer join suggestion_counts
        on view_counts.month = suggestion_counts.month and view_counts.article_id = suggestion_counts.article_id
    left join articles on coalesce(view_counts.article_id, suggestion_counts.article_id) = articles.article_id
)

select * from final
