{#
    One row per knowledge-base article: its latest version; the intent it answers normalized like conversation
    intents.
#}
with

source as (
    select * from {{ source('helpdesk', 'kb_articles') }}
),

ranked as (
    {{ deduplicate_rows('source', 'article_id', keep='latest_version') }}
),

final as (
    select
        article_id,
        title,
        {{ normalize_enum('intent') }} as intent,
        _key_row_count - 1 as superseded_version_count,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
