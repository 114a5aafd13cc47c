{#
    Intercom's agents in the contract's shape (docs/sources/intercom.md): every admin is a human agent in the
    team team_admin names (the first by name); every bot that authored a part (Fin) is a bot agent, named after
    its admin row when the workspace lists one, else 'Fin'. Admins carry no version time: the sync time stands in.
#}
with

admins as (
    select * from {{ ref('base_intercom__admin') }}
),

teams as (
    select * from {{ ref('base_intercom__team') }}
),

team_admins as (
    select * from {{ ref('base_intercom__team_admin') }}
),

parts as (
    select * from {{ ref('base_intercom__conversation_part_history') }}
    where is_current_version
),

bot_authors as (
    select
        author_id,
        min(created_at) as first_seen_at,
        min(_source_file) as _source_file,
        min(_source_row) as _source_row,
        min(_load_id) as _load_id,
        min(_loaded_at) as _loaded_at,
        min(_fivetran_synced) as _fivetran_synced
    from parts
    where author_type = 'bot' and author_id is not null
    group by author_id
),

admin_teams as (
    select
        team_admins.admin_id,
        min(teams.name) as team
    from team_admins
    inner join teams on team_admins.team_id = teams.id
    group by team_admins.admin_id
),

humans as (
    select
        admins.id as agent_id,
        'human' as agent_type,
        admins.name,
        admin_teams.team,
        coalesce(admins._fivetran_synced, admins._loaded_at) as updated_at,
        {{ connector_lineage('intercom.admin') }}
    from admins
    left join admin_teams on admins.id = admin_teams.admin_id
    where admins.id not in (select bot_authors.author_id from bot_authors)
),

bots as (
    select
        bot_authors.author_id as agent_id,
        'bot' as agent_type,
        coalesce(admins.name, 'Fin') as name,
        admin_teams.team,
        coalesce(admins._fivetran_synced, bot_authors.first_seen_at) as updated_at,
        coalesce(bot_authors._source_file, 'intercom.conversation_part_history') as _source_file,
        bot_authors._source_row,
        coalesce(
            bot_authors._load_id,
            cast({{ dbt.datediff("cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")",
                                 'bot_authors._fivetran_synced', 'second') }} as {{ dbt.type_bigint() }})
        ) as _load_id,
        coalesce(bot_authors._loaded_at, bot_authors._fivetran_synced) as _loaded_at
    from bot_authors
    left join admins on bot_authors.author_id = admins.id
    left join admin_teams on bot_authors.author_id = admin_teams.admin_id
),

final as (
    select * from humans
    union all
    select * from bots
)

select * from final
