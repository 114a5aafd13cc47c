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
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        {{ lineage_columns() }}
    from kb_articles
)

select * from final
