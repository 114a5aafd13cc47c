{#
    One row per month × article with a view or a suggestion (docs/metrics.md §8), counted in
    int_kb_articles_monthly_counted: views, self-served views, contacts after a view, bot suggestions.
#}
with

article_months as (
    select * from {{ ref('int_kb_articles_monthly_counted') }}
),

final as (
    select
        month,
        article_id,
        intent,
        view_count,
        self_served_count,
        self_serve_rate,
        contacts_after_view_count,
        suggested_count
    from article_months
)

select * from final
