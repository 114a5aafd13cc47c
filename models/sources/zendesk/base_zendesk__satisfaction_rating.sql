{#-
    Zendesk satisfaction ratings as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'satisfaction_rating', [
    ['id', 'bigint'],
    ['ticket_id', 'bigint'],
    ['requester_id', 'bigint'],
    ['score', 'string'],
    ['comment', 'string'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
]) }}
