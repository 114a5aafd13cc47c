{#
    Intercom's team as landed (one row per team): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted). Optional: when Fivetran has not landed it, no rows.
#}
{{ connector_landed('intercom', 'team', [
    ['id', 'string'],
    ['name', 'string'],
]) }}
