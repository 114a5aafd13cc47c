{#
    One row per issue (docs/metrics.md §2): its conversations and channels, path, resolution, whether it is
    settled at the as-of time, and FCR, re-contact, cross-channel and true deflection (settled issues only).
    Incremental, keyed by customer_id: a run recomputes every issue of the customers whose rows can have changed.
    - A new load: int_conversations_stitched_into_issues re-stitches whole customers; the customers with a row
      of a load above the watermark, and those left with fewer conversations than their issues here count
      (a conversation moved to another customer; proof: docs/DECISIONLOG.md, "Incremental: int_issues_summarized").
    - A moving as-of time (int_as_of): only is_settled (and is_fcr, is_deflected) depends on it. Each stored issue
      is judged again at the current as-of from its stored open_conversation_count and last_closed_at (the same
      macro, issue_is_settled); the customers with an issue whose verdict differs are recomputed. Forward, that
      is an issue whose window just passed (a settled issue stays settled, an open one stays unsettled); back
      (var as_of pinned earlier), a settled issue that is no longer. A run with nothing new recomputes nothing.
    computed_as_of_at (lineage) is the as-of a row was judged at; fct_issues publishes the as-of from int_as_of.
    Not covered: a customer all of whose conversations move to other customers has no row to replace its old
    ones; they stay until a --full-refresh.
#}
{{ config(large_fact_config('customer_id', spark_partition_by='last_load_id')) }}

with

as_of as (
    select * from {{ ref('int_as_of') }}
),

{% if is_incremental() %}
    all_stitched as (
        select * from {{ ref('int_conversations_stitched_into_issues') }}
    ),

    previous as (
        select * from {{ this }}
    ),

    current_counts as (
        select
            customer_id,
            count(*) as conversation_count
        from all_stitched
        group by customer_id
    ),

    previous_counts as (
        select
            customer_id,
            sum(conversation_count) as conversation_count
        from previous
        group by customer_id
    ),

    touched_customers as (
        -- a load re-stitched them
        select customer_id from all_stitched
        where last_load_id > {{ incremental_watermark('last_load_id') }}
        union
        -- a conversation of theirs moved to another customer
        select previous_counts.customer_id
        from previous_counts
        left join current_counts on previous_counts.customer_id = current_counts.customer_id
        where
            current_counts.conversation_count is null
            or current_counts.conversation_count != previous_counts.conversation_count
        union
        -- the as-of moved and settles (or unsettles) one of their issues
        select previous.customer_id
        from previous
        cross join as_of
        where previous.is_settled != ({{ issue_is_settled('previous', 'as_of.as_of_at') }})
    ),
{% endif %}

stitched as (
    select * from {{ ref('int_conversations_stitched_into_issues') }}
    {% if is_incremental() %}
        where customer_id in (select touched_customers.customer_id from touched_customers)
    {% endif %}
),

issue_facts as (
    select
        issue_id,
        min(customer_id) as customer_id,
        min(intent) as intent,
        count(*) as conversation_count,
        count(distinct channel) as channel_count,
        max(case when conversation_sequence = 1 then channel end) as first_channel,
        min(created_at) as opened_at,
        max(case when is_last_in_issue then status end) as last_status,
        max(case when is_last_in_issue then resolved_at end) as last_resolved_at,
        count(case when status = 'open' then 1 end) as open_conversation_count,
        max(closed_at) as last_closed_at,
        count(case when resolution_path != 'no_response' then 1 end) as responded_conversation_count,
        count(case when resolution_path = 'ai_only' then 1 end) as ai_only_conversation_count,
        count(case when resolution_path = 'ai_to_human' then 1 end) as ai_to_human_conversation_count,
        count(case when is_deflection_leakage then 1 end) as deflection_leakage_count,
        max(last_load_id) as last_load_id
    from stitched
    group by issue_id
),

summarized as (
    select
        issue_facts.issue_id,
        issue_facts.customer_id,
        issue_facts.intent,
        issue_facts.first_channel,
        case
            when issue_facts.responded_conversation_count = 0 then 'no_response'
            when issue_facts.ai_only_conversation_count = issue_facts.responded_conversation_count then 'ai_only'
            when issue_facts.ai_only_conversation_count + issue_facts.ai_to_human_conversation_count = 0
                then 'human_only'
            else 'ai_to_human'
        end as issue_path,
        issue_facts.conversation_count,
        issue_facts.channel_count,
        issue_facts.deflection_leakage_count,
        issue_facts.last_status = 'resolved' as is_resolved,
        {{ issue_is_settled('issue_facts', 'as_of.as_of_at') }} as is_settled,
        issue_facts.conversation_count > 1 as is_recontacted,
        issue_facts.channel_count > 1 as is_cross_channel,
        issue_facts.opened_at,
        case when issue_facts.last_status = 'resolved' then issue_facts.last_resolved_at end as resolved_at,
        issue_facts.open_conversation_count,
        issue_facts.last_closed_at,
        issue_facts.last_load_id,
        as_of.as_of_at as computed_as_of_at
    from issue_facts
    cross join as_of
),

outcomes as (
    select
        *,
        is_settled and is_resolved and conversation_count = 1 as is_fcr
    from summarized
),

final as (
    select
        *,
        is_fcr and issue_path = 'ai_only' as is_deflected
    from outcomes
)

select * from final
