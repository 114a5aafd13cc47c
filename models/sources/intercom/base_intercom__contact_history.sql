{#
    Intercom's contact_history as landed (one row per contact version): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted); is_current_version marks the version the adapter maps.
#}
{% set columns = [
            ['id', 'string'],
            ['created_at', 'timestamp'],
            ['updated_at', 'timestamp'],
            ['role', 'string'],
            ['email', 'string'],
            ['phone', 'string'],
            ['name', 'string'],
            ['_fivetran_active', 'boolean'],
            ['_fivetran_start', 'timestamp'],
            ['_fivetran_end', 'timestamp'],
            ['_fivetran_deleted', 'boolean'],
        ] + connector_lineage_columns() %}

with

landed as (
    select
        {{ connector_columns(source('intercom', 'contact_history'), columns) }}
    from {{ source('intercom', 'contact_history') }}
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
