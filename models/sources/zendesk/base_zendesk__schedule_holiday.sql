{#-
    Zendesk schedule holidays as landed, typed (a column the table lacks is null): one row per holiday, its first
    and last local date; soft-deleted rows dropped. An optional table that is not there reads as no rows.
-#}
{{ connector_base('zendesk', 'schedule_holiday', [
    ['id', 'bigint'],
    ['schedule_id', 'bigint'],
    ['name', 'string'],
    ['start_date', 'date'],
    ['end_date', 'date'],
]) }}
