{#
    Intercom's admin as landed (one row per admin): the columns the
    adapter reads, typed, null where the landed table lacks one; soft-deleted rows dropped (counted in
    intercom__deleted_rows_counted).
#}
{{ connector_landed('intercom', 'admin', [
    ['id', 'string'],
    ['name', 'string'],
    ['email', 'string'],
    ['job_title', 'string'],
]) }}
