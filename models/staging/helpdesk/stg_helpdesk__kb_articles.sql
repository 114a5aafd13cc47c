{#
    One row per knowledge-base article: its latest version; the intent it answers normalized like conversation
    intents.
#}
with

kb_articles as (
    {{ deduplicated_source('helpdesk', 'kb_articles') }}
),

final as (
    select
        article_id,
        title,
        {{ normalize_enum('intent') }} as intent,
        superseded_version_count,
        {{ staged_timestamps('helpdesk', 'kb_articles') }}
        {{ lineage_columns() }}
    from kb_articles
)

select * from final
