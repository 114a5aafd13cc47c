{#-
    Zendesk users as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: the users stream, same columns.
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    landed as (
        select * from {{ ref('base_zendesk_airbyte__users') }}
    ),

    final as (
        select
            id,
            name,
            email,
            role,
            created_at,
            updated_at,
            {{ connector_lineage('zendesk_airbyte.users', '_airbyte_extracted_at') }}
        from landed
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'user', [
    ['id', 'bigint'],
    ['name', 'string'],
    ['email', 'string'],
    ['role', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
]) }}
{%- endif %}
