{#-
    Zendesk schedules as landed, typed (a column the table lacks is null): one row per weekly open interval, its
    start and end in minutes from Sunday 00:00 in the schedule's own time zone; soft-deleted rows dropped.
    An optional table that is not there reads as no rows (the seeds then stand in: zendesk__business_hours).
-#}
{{ connector_base('zendesk', 'schedule', [
    ['id', 'bigint'],
    ['name', 'string'],
    ['created_at', 'timestamp'],
    ['start_time', 'integer'],
    ['end_time', 'integer'],
    ['time_zone', 'string'],
]) }}
