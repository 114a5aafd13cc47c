{#-
    Zendesk ticket comments as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: the ticket_comments stream (created_at is created, author_id the user_id).
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    landed as (
        select * from {{ ref('base_zendesk_airbyte__ticket_comments') }}
    ),

    final as (
        select
            id,
            ticket_id,
            created_at as created,
            author_id as user_id,
            public,
            body,
            {{ connector_lineage('zendesk_airbyte.ticket_comments', '_airbyte_extracted_at') }}
        from landed
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'ticket_comment', [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['created', 'timestamp'],
    ['user_id', 'bigint'],
    ['public', 'boolean'],
    ['body', 'string'],
]) }}
{%- endif %}
