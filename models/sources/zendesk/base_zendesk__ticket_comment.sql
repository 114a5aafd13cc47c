{#-
    Zendesk ticket comments as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket_comment', [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['created', 'timestamp'],
    ['user_id', 'bigint'],
    ['public', 'boolean'],
    ['body', 'string'],
]) }}
