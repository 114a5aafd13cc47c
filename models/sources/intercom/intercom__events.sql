{#
    Conversation events derived from Intercom (docs/sources/intercom.md): assignment parts to an admin are
    agent_assigned; open parts are reopened; a conversation Fin handed to people (resolution state
    routed_to_team, escalated or procedure_handoff) has one escalated event, at Fin's first assignment to a
    team after it answered (else its last answer, else the conversation's start); a contact's first lead
    version with an email or phone is a lead_captured event in its latest conversation started by then.
#}
with

conversation_history as (
    select * from {{ ref('base_intercom__conversation_history') }}
    where is_current_version
),

parts as (
    select * from {{ ref('base_intercom__conversation_part_history') }}
    where is_current_version
),

contact_history as (
    select * from {{ ref('base_intercom__contact_history') }}
),

assignments as (
    select
        id as event_id,
        conversation_id,
        created_at,
        'agent_assigned' as event_type,
        'agent' as actor_type,
        assigned_to_id as actor_id,
        cast(null as {{ dbt.type_string() }}) as lead_type,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        _fivetran_synced
    from parts
    where part_type like '%assign%' and assigned_to_type = 'admin'
),

reopens as (
    select
        id as event_id,
        conversation_id,
        created_at,
        'reopened' as event_type,
        case
            when author_type in ('user', 'lead', 'contact') then 'customer'
            when author_type = 'admin' then 'agent'
            when author_type = 'bot' then 'bot'
            else 'system'
        end as actor_type,
        author_id as actor_id,
        cast(null as {{ dbt.type_string() }}) as lead_type,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        _fivetran_synced
    from parts
    where part_type = 'open'
),

bot_answers as (
    select
        conversation_id,
        min(created_at) as first_answer_at,
        max(created_at) as last_answer_at
    from parts
    where part_type = 'comment' and author_type = 'bot'
    group by conversation_id
),

handoffs as (
    -- Fin's (or a workflow's) assignments to a team, at or after Fin's first answer
    select
        parts.conversation_id,
        min(parts.created_at) as handed_off_at,
        min(parts.author_id) as actor_id
    from parts
    inner join bot_answers on parts.conversation_id = bot_answers.conversation_id
    where
        parts.part_type like '%assign%'
        and parts.assigned_to_type = 'team'
        and parts.author_type = 'bot'
        and parts.created_at >= bot_answers.first_answer_at
    group by parts.conversation_id
),

escalations as (
    select
        'escalated-' || conversation_history.id as event_id,
        conversation_history.id as conversation_id,
        coalesce(handoffs.handed_off_at, bot_answers.last_answer_at, conversation_history.created_at) as created_at,
        'escalated' as event_type,
        case
            when conversation_history.ai_agent_resolution_state = 'procedure_handoff' then 'system' else 'bot'
        end as actor_type,
        handoffs.actor_id,
        cast(null as {{ dbt.type_string() }}) as lead_type,
        conversation_history._source_file,
        conversation_history._source_row,
        conversation_history._load_id,
        conversation_history._loaded_at,
        conversation_history._fivetran_synced
    from conversation_history
    left join handoffs on conversation_history.id = handoffs.conversation_id
    left join bot_answers on conversation_history.id = bot_answers.conversation_id
    where conversation_history.ai_agent_resolution_state in ('routed_to_team', 'escalated', 'procedure_handoff')
),

lead_versions_ranked as (
    select
        *,
        row_number() over (partition by id order by updated_at, _fivetran_start) as capture_rank
    from contact_history
    where role = 'lead' and coalesce(email, phone) is not null
),

lead_conversations_ranked as (
    select
        lead_versions_ranked.*,
        conversation_history.id as conversation_id,
        row_number() over (
            partition by lead_versions_ranked.id
            order by conversation_history.created_at desc, conversation_history.id desc
        ) as conversation_rank
    from lead_versions_ranked
    inner join conversation_history
        on
            lead_versions_ranked.id = conversation_history.source_author_id
            and lead_versions_ranked.updated_at >= conversation_history.created_at
    where lead_versions_ranked.capture_rank = 1
),

leads as (
    select
        'lead-' || id as event_id,
        conversation_id,
        updated_at as created_at,
        'lead_captured' as event_type,
        'bot' as actor_type,
        cast(null as {{ dbt.type_string() }}) as actor_id,
        case when email is not null then 'email' else 'phone' end as lead_type,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        _fivetran_synced
    from lead_conversations_ranked
    where conversation_rank = 1
),

unioned as (
    select * from assignments
    union all
    select * from reopens
    union all
    select * from escalations
    union all
    select * from leads
),

final as (
    select
        event_id,
        conversation_id,
        created_at,
        event_type,
        actor_type,
        actor_id,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as {{ dbt.type_boolean() }}) as context_transferred,
        cast(null as {{ dbt.type_string() }}) as article_id,
        lead_type,
        {{ connector_lineage('intercom') }}
    from unioned
)

select * from final
