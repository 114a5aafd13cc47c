{#
    One row per conversation event (append-only; a repeated event_id keeps its first copy in load order); enums
    normalized.
    Incremental (large and append-only): a run restages the ids that loads it has not seen brought.
#}
{{ config(materialized=large_fact_materialization(), unique_key='event_id', incremental_strategy='delete+insert',
          on_schema_change='fail') }}

with

source as (
    select * from {{ source('helpdesk', 'events') }}
    {% if is_incremental() %}
        -- every copy of each event id a new load brought, so the first copy and the copy count stay exact
        where event_id in (
            select new_rows.event_id from {{ source('helpdesk', 'events') }} as new_rows
            where new_rows._load_id > {{ incremental_watermark('_load_id') }}
        )
    {% endif %}
),

ranked as (
    {{ deduplicate_rows('source', 'event_id', keep='first_loaded') }}
),

final as (
    select
        event_id,
        conversation_id,
        actor_id,
        article_id,
        {{ normalize_enum('event_type') }} as event_type,
        {{ normalize_enum('actor_type') }} as actor_type,
        {{ normalize_enum('reason') }} as reason,
        {{ normalize_enum('lead_type') }} as lead_type,
        _key_row_count - 1 as dropped_duplicate_count,
        cast(context_transferred as {{ dbt.type_boolean() }}) as is_context_transferred,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from ranked
    where _row_rank = 1
)

select * from final
