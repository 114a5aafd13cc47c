{#-
    Zendesk tickets as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['id', 'bigint'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['status', 'string'],
    ['subject', 'string'],
    ['requester_id', 'bigint'],
    ['assignee_id', 'bigint'],
    ['group_id', 'bigint'],
    ['via_channel', 'string'],
    ['_fivetran_deleted', 'boolean']
] -%}
{%- set relation = load_relation(source('zendesk', 'ticket')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'ticket'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        id, created_at, updated_at, status, subject, requester_id, assignee_id, group_id, via_channel,
        {{ connector_lineage('zendesk.ticket') }}
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
