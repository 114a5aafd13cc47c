{#
    One row per knowledge-base view (docs/metrics.md §8): the same customer's next conversation strictly after it,
    whether that conversation came within kb_selfserve_window_hours (inclusive end), and so whether the view
    self-served. One window over each customer's views and conversations numbers the conversations, never a join
    of every view with every conversation. A view counts in the month of its viewed_at.
    Incremental: a view's row depends only on its customer's views and conversations, so a run recomputes every
    view of the customers a load it has not seen touched (a new view, or a conversation whose
    int_conversations_enriched last_load_id is new) and replaces them by customer_id. A new version may move a
    conversation to another customer: its previous customer is the one of the views it followed
    (next_conversation_id). Views never lack a customer_id (the loader rejects the row: docs/raw-data.md).
#}
{{ config(large_fact_config('customer_id', spark_partition_by='last_load_id')) }}

with

{% if is_incremental() %}
    touched_conversations as (
        select conversation_id, customer_id from {{ ref('int_conversations_enriched') }}
        where last_load_id > {{ incremental_watermark('last_load_id') }}
    ),

    touched_customers as (
        select customer_id from {{ ref('stg_helpdesk__kb_article_views') }}
        where _load_id > {{ incremental_watermark('last_load_id') }}
        union
        select customer_id from touched_conversations
        union
        -- the previous customer of a conversation a new version moved: the one whose views it followed
        select customer_id from {{ this }}
        where next_conversation_id in (select touched_conversations.conversation_id from touched_conversations)
    ),
{% endif %}

views as (
    select * from {{ ref('stg_helpdesk__kb_article_views') }}
    {% if is_incremental() %}
        where customer_id in (select touched_customers.customer_id from touched_customers)
    {% endif %}
),

conversations as (
    select * from {{ ref('int_conversations_enriched') }}
    {% if is_incremental() %}
        where customer_id in (select touched_customers.customer_id from touched_customers)
    {% endif %}
),

customer_timelines as (
    -- views and conversations of each customer on one time line; the view columns are null on conversations
    select
        customer_id,
        view_id as timeline_event_id,
        article_id,
        view_source,
        0 as is_conversation,
        viewed_at as event_at,
        _load_id as load_id
    from views
    union all
    select
        customer_id,
        conversation_id as timeline_event_id,
        null as article_id,
        null as view_source,
        1 as is_conversation,
        created_at as event_at,
        last_load_id as load_id
    from conversations
    where customer_id is not null
),

numbered as (
    -- each event carries the number of conversations at or before it: a conversation sorts before a view at the
    -- same instant, so a view's next conversation (number + 1) comes strictly after it
    select
        *,
        count(case when is_conversation = 1 then 1 end) over (
            partition by customer_id
            order by event_at asc, is_conversation desc, timeline_event_id asc
            rows between unbounded preceding and current row
        ) as conversation_number,
        max(load_id) over (partition by customer_id) as last_load_id
    from customer_timelines
),

numbered_views as (
    select * from numbered
    where is_conversation = 0
),

numbered_conversations as (
    select * from numbered
    where is_conversation = 1
),

views_with_next_conversation as (
    select
        numbered_views.timeline_event_id as view_id,
        numbered_views.customer_id,
        numbered_views.article_id,
        numbered_views.view_source,
        numbered_views.event_at as viewed_at,
        numbered_conversations.timeline_event_id as next_conversation_id,
        numbered_conversations.event_at as next_conversation_at,
        numbered_views.last_load_id
    from numbered_views
    left join numbered_conversations
        on
            numbered_views.customer_id = numbered_conversations.customer_id
            and numbered_views.conversation_number + 1 = numbered_conversations.conversation_number
),

contacts_flagged as (
    select
        *,
        coalesce(
            next_conversation_at <= {{ dbt.dateadd('hour', var('kb_selfserve_window_hours'), 'viewed_at') }},
            false
        ) as has_contact_after_view
    from views_with_next_conversation
),

final as (
    select
        view_id,
        customer_id,
        article_id,
        view_source,
        cast({{ dbt.date_trunc('month', 'viewed_at') }} as date) as month,
        not has_contact_after_view as is_self_served,
        has_contact_after_view,
        viewed_at,
        next_conversation_at,
        next_conversation_id,
        last_load_id
    from contacts_flagged
)

select * from final
