{#-
    Zendesk satisfaction ratings as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: the satisfaction_ratings stream, same columns.
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    landed as (
        select * from {{ ref('base_zendesk_airbyte__satisfaction_ratings') }}
    ),

    final as (
        select
            id,
            ticket_id,
            requester_id,
            score,
            comment,
            created_at,
            updated_at,
            {{ connector_lineage('zendesk_airbyte.satisfaction_ratings', '_airbyte_extracted_at') }}
        from landed
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'satisfaction_rating', [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['requester_id', 'bigint'],
    ['score', 'string'],
    ['comment', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
]) }}
{%- endif %}
