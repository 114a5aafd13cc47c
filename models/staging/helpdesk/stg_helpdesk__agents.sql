{#
    One row per agent (human or bot): its latest version. People's names are dropped (docs/metrics.md §9); a bot keeps
    its name.
#}
with

agents as (
    {{ deduplicated_source('helpdesk', 'agents') }}
),

final as (
    select
        agent_id,
        {{ normalize_enum('agent_type') }} as agent_type,
        case when {{ normalize_enum('agent_type') }} = 'bot' then name end as bot_name,
        team,
        superseded_version_count,
        {{ staged_timestamps('helpdesk', 'agents') }}
        {{ lineage_columns() }}
    from agents
)

select * from final
