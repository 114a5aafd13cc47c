{#-
    Zendesk ticket field changes as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: one row per Create or Change event (with a field_name) in the events array of
    the ticket_audits stream, at the audit's created_at, by its author; an audit an append sync landed twice
    counts once (the latest extraction of its id).
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    audits as (
        select * from {{ ref('base_zendesk_airbyte__ticket_audits') }}
    ),

    audits_ranked as (
        select
            *,
            row_number() over (partition by id order by _airbyte_extracted_at desc) as extraction_rank
        from audits
    ),

    events as (
        select
            *,
            {{ json_array_elements('events') }} as event
        from audits_ranked
        where extraction_rank = 1
    ),

    changes as (
        select
            *,
            {{ json_text('event', 'type') }} as event_type,
            {{ json_text('event', 'field_name') }} as field_name,
            {{ json_text('event', 'value') }} as field_value
        from events
    ),

    final as (
        select
            ticket_id,
            field_name,
            created_at as updated,
            field_value as value,
            author_id as user_id,
            {{ connector_lineage('zendesk_airbyte.ticket_audits', '_airbyte_extracted_at') }}
        from changes
        where event_type in ('Create', 'Change') and field_name is not null
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'ticket_field_history', [
    ['ticket_id', 'bigint'],
    ['field_name', 'string'],
    ['updated', 'timestamp'],
    ['value', 'string'],
    ['user_id', 'bigint'],
]) }}
{%- endif %}
