{#-
    Zendesk organizations as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'organization', [
    ['id', 'bigint'],
    ['name', 'string'],
    ['updated_at', 'timestamp'],
]) }}
