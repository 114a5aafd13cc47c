{# One row per knowledge-base article view (append-only; a repeated view_id keeps its first copy in load order). #}
with

kb_article_views as (
    {{ deduplicated_source('helpdesk', 'kb_article_views') }}
),

final as (
    select
        view_id,
        customer_id,
        article_id,
        {{ normalize_enum('source') }} as view_source,
        dropped_duplicate_count,
        {{ staged_timestamps('helpdesk', 'kb_article_views') }}
        {{ lineage_columns() }}
    from kb_article_views
)

select * from final
