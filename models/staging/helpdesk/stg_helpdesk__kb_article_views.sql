{# One row per knowledge-base article view (append-only; a repeated view_id keeps its first copy in load order). #}
with

source as (
    select * from {{ source('helpdesk', 'kb_article_views') }}
),

ranked as (
    {{ deduplicate_rows('source', 'view_id', keep='first_loaded') }}
),

final as (
    select
        view_id,
        customer_id,
        article_id,
        {{ normalize_enum('source') }} as view_source,
        _key_row_count - 1 as dropped_duplicate_count,
        cast(viewed_at as {{ dbt.type_timestamp() }}) as viewed_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
