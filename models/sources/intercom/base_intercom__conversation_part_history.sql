{#
    Intercom's conversation_part_history as landed (one row per conversation part version): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted); is_current_version marks the version the adapter maps.
#}
{% set columns = [
            ['id', 'string'],
            ['conversation_id', 'string'],
            ['created_at', 'timestamp'],
            ['updated_at', 'timestamp'],
            ['part_type', 'string'],
            ['author_type', 'string'],
            ['author_id', 'string'],
            ['assigned_to_type', 'string'],
            ['assigned_to_id', 'string'],
            ['body', 'string'],
            ['_fivetran_active', 'boolean'],
            ['_fivetran_start', 'timestamp'],
            ['_fivetran_end', 'timestamp'],
            ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns() %}

with

landed as (
    select
        {{ connector_columns(source('intercom', 'conversation_part_history'), columns) }}
    from {{ source('intercom', 'conversation_part_history') }}
),

final as (
    -- is_current_version: the active version; without _fivetran_active, the latest updated_at
    select
        *,
        row_number() over (
            partition by id
            order by coalesce(_fivetran_active, false) desc, updated_at desc, _fivetran_start desc
        ) = 1 as is_current_version
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
