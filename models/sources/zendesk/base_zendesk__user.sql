{#-
    Zendesk users as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'user', [
    ['id', 'bigint'],
    ['name', 'string'],
    ['email', 'string'],
    ['role', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
]) }}
