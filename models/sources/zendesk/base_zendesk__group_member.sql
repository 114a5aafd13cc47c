{#-
    Zendesk group memberships as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: the group_memberships stream.
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    landed as (
        select * from {{ ref('base_zendesk_airbyte__group_memberships') }}
    ),

    final as (
        select
            id,
            user_id,
            group_id,
            {{ connector_lineage('zendesk_airbyte.group_memberships', '_airbyte_extracted_at') }}
        from landed
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'group_member', [
    ['id', 'bigint'],
    ['user_id', 'bigint'],
    ['group_id', 'bigint'],
]) }}
{%- endif %}
