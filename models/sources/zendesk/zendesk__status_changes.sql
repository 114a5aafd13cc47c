{#-
    One row per change of a ticket's status (ticket_field_history, field status), with the status before it.
    Zendesk's statuses: new, open, pending, hold (on-hold), solved, closed. A change from solved or closed back to
    any other status is a reopen (docs/sources/zendesk.md "Status").
-#}
with

history as (
    select * from {{ ref('base_zendesk__ticket_field_history') }}
    where field_name = 'status'
),

ordered as (
    select
        ticket_id,
        user_id,
        updated as changed_at,
        lower(trim(value)) as status,
        lag(lower(trim(value))) over (partition by ticket_id order by updated) as previous_status,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
    from history
),

final as (
    select
        ticket_id,
        user_id,
        status,
        previous_status,
        _source_file,
        _source_row,
        _load_id,
        _loaded_at,
        changed_at,
        status in ('solved', 'closed') as is_closing,
        coalesce(
            previous_status in ('solved', 'closed') and status not in ('solved', 'closed'), false
        ) as is_reopen
    from ordered
)

select * from final
