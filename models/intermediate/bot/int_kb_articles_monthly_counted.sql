{#
    One row per article × month with a view or a suggestion (docs/metrics.md §8): views (in the month of viewed_at),
    self-served views, views followed by a contact within kb_selfserve_window_hours, and bot suggestions
    (kb_article_suggested events, in the month of the event); the article's current intent.
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
        count(case when has_contact_after_view then 1 end) as contacts_after_view_count,
        0 as suggested_count
    from views
    group by month, article_id
),

suggestion_counts as (
    select
        cast({{ dbt.date_trunc('month', 'created_at') }} as date) as month,
        article_id,
        0 as view_count,
        0 as self_served_count,
        0 as contacts_after_view_count,
        count(*) as suggested_count
    from events
    where event_type = 'kb_article_suggested' and article_id is not null
    group by cast({{ dbt.date_trunc('month', 'created_at') }} as date), article_id
),

counts_unioned as (
    -- both count CTEs list the same columns in the same order
    select * from view_counts
    union all
    select * from suggestion_counts
),

monthly_counts as (
    -- views and suggestions side by side: a month and article has a row where either happened
    select
        month,
        article_id,
        {{ sum_counts(['view_count', 'self_served_count', 'contacts_after_view_count', 'suggested_count']) }}
    from counts_unioned
    group by month, article_id
),

final as (
    select
        monthly_counts.month,
        monthly_counts.article_id,
        articles.intent,
        monthly_counts.view_count,
        monthly_counts.self_served_count,
        {{ safe_divide('monthly_counts.self_served_count', 'monthly_counts.view_count') }} as self_serve_rate,
        monthly_counts.contacts_after_view_count,
        monthly_counts.suggested_count
    from monthly_counts
    left join articles on monthly_counts.article_id = articles.article_id
)

select * from final
