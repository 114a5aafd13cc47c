{#-
    The relation a team's schedules are read from (docs/metrics.md §12): `seed_name` is business_hours, holidays or
    channel_schedules. From the seed of that name, unless the helpdesk is Zendesk: then from the adapter's model
    zendesk__<seed_name>, which maps Zendesk's own schedules when they were landed and passes the seed through when
    they were not (docs/sources/zendesk.md). A unit test always reads the seed, so its fixtures on the seed hold
    whatever the helpdesk.
-#}
{% macro schedule_relation(seed_name) -%}
    {%- if var('helpdesk_source') == 'zendesk' and model.resource_type != 'unit_test' -%}
        {{ return(ref('zendesk__' ~ seed_name)) }}
    {%- endif -%}
    {{ return(ref(seed_name)) }}
{%- endmacro %}

{#-
    The rows of an adapter's schedule model (zendesk__business_hours, ...): those `mapped` from the tool's tables,
    or, when the tool holds no schedule at all (relation `schedules` has no rows), those of the seed (`seeded`).
    `mapped` and `seeded` name CTEs with the seed's `columns`.
-#}
{% macro mapped_or_seeded(mapped, seeded, columns, schedules='schedules') -%}
    select {{ columns | join(', ') }}
    from {{ mapped }}
    union all
    select {{ columns | join(', ') }}
    from {{ seeded }}
    where not exists (select 1 from {{ schedules }})
{%- endmacro %}
