{#-
    Zendesk ticket tags as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
    Landed by Airbyte: one row per element of the tags array of each ticket's latest version.
-#}
{%- if var('zendesk_landed_by', 'fivetran') == 'airbyte' %}
    with

    tickets as (
        select * from {{ ref('base_zendesk_airbyte__tickets') }}
    ),

    versions as (
        select
            *,
            row_number() over (
                partition by id
                order by updated_at desc, _airbyte_extracted_at desc, _load_id desc, _source_file desc, _source_row desc
            ) as version_rank
        from tickets
    ),

    tags as (
        select
            *,
            {{ json_array_elements('tags') }} as tag
        from versions
        where version_rank = 1
    ),

    final as (
        select
            id as ticket_id,
            tag,
            {{ connector_lineage('zendesk_airbyte.tickets', '_airbyte_extracted_at') }}
        from tags
    )

    select * from final
{%- else %}
{{ connector_base('zendesk', 'ticket_tag', [
    ['ticket_id', 'bigint'],
    ['tag', 'string'],
]) }}
{%- endif %}
