{#-
    Zendesk agent groups as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: the groups stream; a group marked deleted is dropped.
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    landed as (
        select * from {{ ref('base_zendesk_airbyte__groups') }}
    ),

    final as (
        select
            id,
            name,
            updated_at,
            {{ connector_lineage('zendesk_airbyte.groups', '_airbyte_extracted_at') }}
        from landed
        where not coalesce(deleted, false)
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'group', [
    ['id', 'bigint'],
    ['name', 'string'],
    ['updated_at', 'timestamp'],
]) }}
{%- endif %}
