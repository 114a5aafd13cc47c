{#-
    Which schedule Zendesk applied to a ticket, and from when, as landed and typed (a column the table lacks is
    null). An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket_schedule', [
    ['ticket_id', 'bigint'],
    ['schedule_id', 'bigint'],
    ['created_at', 'timestamp'],
]) }}
