{#-
    Zendesk tickets as landed, typed (a column the table lacks is null); soft-deleted rows dropped
    (counted by zendesk__deleted_rows_counted).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket', [
    ['id', 'bigint'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['status', 'string'],
    ['subject', 'string'],
    ['requester_id', 'bigint'],
    ['assignee_id', 'bigint'],
    ['group_id', 'bigint'],
    ['via_channel', 'string'],
]) }}
