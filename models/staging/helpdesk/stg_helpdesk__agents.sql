{#
    One row per agent (human or bot): its latest version. People's names are dropped (metrics.md §9); a bot keeps
    its name.
#}
with

source as (
    select * from {{ source('helpdesk', 'agents') }}
),

ranked as (
    {{ deduplicate_rows('source', 'agent_id', keep='latest_version') }}
),

final as (
    select
        agent_id,
        {{ normalize_enum('agent_type') }} as agent_type,
        case when {{ normalize_enum('agent_type') }} = 'bot' then name end as bot_name,
        team,
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
