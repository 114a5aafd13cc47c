{#-
    Zendesk tickets as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
    Landed by Airbyte (var zendesk_landed_by): the tickets stream; via_channel is its via object's channel.
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    landed as (
        select * from {{ ref('base_zendesk_airbyte__tickets') }}
    ),

    final as (
        select
            id,
            created_at,
            updated_at,
            status,
            subject,
            requester_id,
            assignee_id,
            group_id,
            {{ json_text('via', 'channel') }} as via_channel,
            {{ connector_lineage('zendesk_airbyte.tickets', '_airbyte_extracted_at') }}
        from landed
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'ticket', [
    ['id', 'bigint'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['status', 'string'],
    ['subject', 'string'],
    ['requester_id', 'bigint'],
    ['assignee_id', 'bigint'],
    ['group_id', 'bigint'],
    ['via_channel', 'string'],
]) }}
{%- endif %}
