{#-
    Zendesk ticket tags as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['ticket_id', 'bigint'],
    ['tag', 'string']
] -%}
{%- set relation = load_relation(source('zendesk', 'ticket_tag')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'ticket_tag'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        ticket_id, tag,
        {{ connector_lineage('zendesk.ticket_tag') }}
    from landed
)

select * from final
