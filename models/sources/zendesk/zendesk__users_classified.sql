{#-
    Every Zendesk user once, with who they are to the contract (docs/sources/zendesk.md "People"):
    - person_type: bot when the name matches var zendesk_bot_name_patterns, the id is in var zendesk_bot_user_ids,
      or the user wrote a chat message whose payload is a business (bot) message from a zd: source (Answer Bot,
      Flow Builder, AI agents); else agent for role agent or admin; else customer.
    - customer_id: the billing customer whose email_sha256 matches the user's email, else 'zendesk:' || id.
    - the latest version of a user (updated_at, then the later load, file and row);
    - team: the name of the agent's group (the lowest group id when several).
-#}
{%- set bot_patterns = var('zendesk_bot_name_patterns', ['%(ai)%', '%(ai %', '%answer bot%', '%ai agent%']) -%}
{%- set bot_ids = var('zendesk_bot_user_ids', []) -%}

with

user_versions as (
    select
        *,
        row_number() over (
            partition by id order by updated_at desc, _load_id desc, _source_file desc, _source_row desc
        ) as version_rank
    from {{ ref('base_zendesk__user') }}
),

users as (
    select * from user_versions
    where version_rank = 1
),

memberships as (
    select * from {{ ref('base_zendesk__group_member') }}
),

groups as (
    select * from {{ ref('base_zendesk__group') }}
),

bot_chat_authors as (
    select distinct
        case
            when actor_id like 'agent:%' then substr(actor_id, 7) else actor_id
        end as bot_user_id
    from {{ ref('base_zendesk__ticket_chat_event') }}
    where
        original_message like '%"type":"BUSINESS"%'
        and original_message like '%"source":{"type":"zd:%'
),

billing_customers as (
    select
        email_sha256,
        min(customer_id) as customer_id
    from {{ ref('stg_billing__customers') }}
    where email_sha256 is not null
    group by email_sha256
),

first_groups as (
    select
        user_id,
        min(group_id) as group_id
    from memberships
    group by user_id
),

teams as (
    select
        first_groups.user_id,
        groups.name as team
    from first_groups
    inner join groups on first_groups.group_id = groups.id
),

named_bots as (
    select id as user_id
    from users
    where
        {%- for pattern in bot_patterns %}
            lower(name) like '{{ pattern }}'
            or
        {%- endfor %}
        id in ({{ (bot_ids or [-1]) | join(', ') }})
),

final as (
    select
        users.id as user_id,
        users.name,
        users.role,
        teams.team,
        users._source_file,
        users._source_row,
        users._load_id,
        users._loaded_at,
        case
            when bot_chat_authors.bot_user_id is not null or named_bots.user_id is not null then 'bot'
            when lower(trim(users.role)) in ('agent', 'admin') then 'agent'
            else 'customer'
        end as person_type,
        coalesce(
            billing_customers.customer_id, 'zendesk:' || cast(users.id as {{ dbt.type_string() }})
        ) as customer_id,
        coalesce(users.updated_at, users.created_at) as updated_at
    from users
    left join teams on users.id = teams.user_id
    left join named_bots on users.id = named_bots.user_id
    left join bot_chat_authors on cast(users.id as {{ dbt.type_string() }}) = bot_chat_authors.bot_user_id
    left join billing_customers on {{ hash_email('users.email') }} = billing_customers.email_sha256
)

select * from final
