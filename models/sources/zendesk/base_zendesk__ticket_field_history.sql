{#-
    Zendesk ticket field changes as landed, typed (a column the table lacks is null).
    An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'ticket_field_history', [
    ['ticket_id', 'bigint'],
    ['field_name', 'string'],
    ['updated', 'timestamp'],
    ['value', 'string'],
    ['user_id', 'bigint'],
]) }}
