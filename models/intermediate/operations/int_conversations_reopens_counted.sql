{# One row per conversation with at least one reopened event: how many (docs/metrics.md §12, reopen_count). #}
with

events as (
    select * from {{ ref('stg_helpdesk__events') }}
),

final as (
    select
        conversation_id,
        count(*) as reopen_count
    from events
    where event_type = 'reopened'
    group by conversation_id
)

select * from final
