{#
    Intercom conversations in the contract's shape (docs/sources/intercom.md): the active version of each
    conversation; the customer is the billing customer with the contact's email, else 'intercom:' || contact id;
    channel from source_type; status from the state, Fin's resolution state and whether a teammate replied;
    closed_at from the last close part; intents from the custom attributes custom_bot_intent and custom_intent.
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
    where is_current_version
),

billing_customers as (
    select * from {{ ref('stg_billing__customers') }}
),

billing_by_email as (
    -- one billing customer per email (the least customer_id when two share one)
    select
        email_sha256,
        min(customer_id) as customer_id
    from billing_customers
    group by email_sha256
),

contacts as (
    select
        contact_history.id as contact_id,
        coalesce(billing_by_email.customer_id, 'intercom:' || contact_history.id) as customer_id
    from contact_history
    left join billing_by_email on {{ hash_email('contact_history.email') }} = billing_by_email.email_sha256
),

closes as (
    select
        conversation_id,
        max(created_at) as closed_at
    from parts
    where part_type = 'close'
    group by conversation_id
),

teammate_replies as (
    select distinct conversation_id
    from parts
    where part_type = 'comment' and author_type = 'admin'
),

mapped as (
    select
        conversation_history.id as conversation_id,
        coalesce(contacts.customer_id, 'intercom:' || conversation_history.source_author_id) as customer_id,
        case lower(conversation_history.source_type)
            when 'email' then 'email'
            when 'sms' then 'sms'
            when 'whatsapp' then 'whatsapp'
            when 'facebook' then 'messenger'
            when 'instagram' then 'social'
            when 'twitter' then 'social'
            when 'phone_call' then 'voice'
            when 'phone_switch' then 'voice'
            else 'web_chat'
        end as channel,
        conversation_history.created_at,
        conversation_history.updated_at,
        case
            when lower(conversation_history.state) <> 'closed' then 'open'
            when conversation_history.ai_agent_resolution_state in ('assumed_resolution', 'confirmed_resolution')
                then 'resolved'
            when conversation_history.ai_agent_resolution_state = 'abandoned' then 'abandoned'
            when conversation_history.ai_agent_resolution_state = 'negative_feedback' then 'unresolved'
            when teammate_replies.conversation_id is null then 'abandoned'
            else 'resolved'
        end as status,
        case
            when lower(conversation_history.state) = 'closed'
                then coalesce(closes.closed_at, conversation_history.updated_at)
        end as closed_at,
        conversation_history.custom_bot_intent as bot_intent,
        cast(null as {{ type_double() }}) as bot_intent_confidence,
        conversation_history.custom_intent as agent_intent,
        conversation_history.source_subject as subject,
        {{ connector_lineage('intercom.conversation_history') }}
    from conversation_history
    left join contacts on conversation_history.source_author_id = contacts.contact_id
    left join closes on conversation_history.id = closes.conversation_id
    left join teammate_replies on conversation_history.id = teammate_replies.conversation_id
),

final as (
    select
        conversation_id,
        customer_id,
        channel,
        created_at,
        updated_at,
        status,
        case when status = 'resolved' then closed_at end as resolved_at,
        closed_at,
        bot_intent,
        bot_intent_confidence,
        agent_intent,
        subject,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from mapped
)

select * from final
