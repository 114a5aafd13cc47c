{#-
    Zendesk group memberships as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{%- set columns = [
    ['id', 'bigint'],
    ['user_id', 'bigint'],
    ['group_id', 'bigint'],
    ['_fivetran_deleted', 'boolean']
] -%}
{%- set relation = load_relation(source('zendesk', 'group_member')) -%}

with

landed as (
    select
        {{ connector_columns(source('zendesk', 'group_member'), columns + connector_lineage_columns()) }}
    {{ 'from ' ~ relation if relation is not none else 'where 1 = 0' }}
),

final as (
    select
        id, user_id, group_id,
        {{ connector_lineage('zendesk.group_member') }}
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
