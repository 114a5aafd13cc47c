{#-
    Zendesk agents, admins and bots as the contract's agents (docs/sources/zendesk.md "People"): agent_type bot or
    human, the name, the team from the agent's group.
-#}
with

people as (
    select * from {{ ref('zendesk__users_classified') }}
),

final as (
    select
        cast(user_id as {{ dbt.type_string() }}) as agent_id,
        case when person_type = 'bot' then 'bot' else 'human' end as agent_type,
        name,
        team,
        coalesce(updated_at, _loaded_at) as updated_at,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from people
    where person_type in ('agent', 'bot')
)

select * from final
