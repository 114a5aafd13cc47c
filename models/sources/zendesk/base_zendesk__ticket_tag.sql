{#-
    Zendesk ticket tags as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket_tag', [
    ['ticket_id', 'bigint'],
    ['tag', 'string'],
]) }}
