{#-
    Where each raw domain comes from. The helpdesk (with its surveys) and the billing can each be read from the
    project's raw contract or from a tool's connector tables: var helpdesk_source (contract, zendesk, intercom)
    and var billing_source (contract, stripe). The finance ledger is always the contract's.
-#}
{% macro source_tool(source_name) -%}
    {%- if source_name in ['helpdesk', 'survey'] -%}
        {{ return(var('helpdesk_source')) }}
    {%- elif source_name == 'billing' -%}
        {{ return(var('billing_source')) }}
    {%- else -%}
        {{ return('contract') }}
    {%- endif -%}
{%- endmacro %}

{#-
    The relation staging reads for one table of the contract: the raw table the loader landed, or the tool's
    adapter model (models/sources/<tool>/<tool>__<table>.sql), which has the same columns.
-#}
{% macro raw_relation(source_name, table_name) -%}
    {%- set tool = source_tool(source_name) -%}
    {%- if tool == 'contract' -%}
        {{ return(source(source_name, table_name)) }}
    {%- else -%}
        {{ return(ref(tool ~ '__' ~ table_name)) }}
    {%- endif -%}
{%- endmacro %}

{#-
    A relation in the shape of a contract table with no rows, for a table a tool cannot fill (Zendesk has no
    knowledge-base views, say): every contract column, typed, and the lineage columns.
-#}
{% macro empty_contract_relation(source_name, table_name) -%}
    select
    {%- for column, kind in contract_table(source_name, table_name).columns %}
        cast(null as {{ contract_sql_type(kind) }}) as {{ column }},
    {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as _source_file,
        cast(null as {{ dbt.type_bigint() }}) as _source_row,
        cast(null as {{ dbt.type_bigint() }}) as _load_id,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
    where 1 = 0
{%- endmacro %}

{#- The warehouse type of a contract type (string, timestamp, double, integer, bigint, boolean, decimal, date). -#}
{% macro contract_sql_type(kind) -%}
    {%- set types = {
        'string': dbt.type_string(), 'timestamp': dbt.type_timestamp(), 'double': type_double(),
        'integer': dbt.type_int(), 'bigint': dbt.type_bigint(), 'boolean': dbt.type_boolean(),
        'decimal': decimal_amount(), 'date': 'date',
    } -%}
    {{ return(types[kind]) }}
{%- endmacro %}

{#-
    The columns of a connector table the adapter reads, each cast to its type; a column the landed table
    lacks (an optional one) is null, and columns it has beyond these are left out, as Fivetran's own
    packages do. `columns` is a list of [name, type] pairs (types as contract_sql_type takes them).
-#}
{% macro connector_columns(relation, columns) -%}
    {%- set present = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do present.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for name, kind in columns %}
        {%- if name | lower in present %}
        cast({{ adapter.quote(name) }} as {{ contract_sql_type(kind) }}) as {{ name }}
        {%- else %}
        cast(null as {{ contract_sql_type(kind) }}) as {{ name }}
        {%- endif %}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#-
    The four lineage columns of a connector table, for an adapter's output: what the loader recorded when the
    table was loaded from files, else what the connector recorded (Fivetran's _fivetran_synced: the sync time
    as the load time, and its epoch second as the load number, so incremental staging still sees new syncs).
    `relation_name` names the table in _source_file when no file did (or `file_fallback`, an SQL expression,
    for a model that reads several tables).
-#}
{% macro connector_lineage(relation_name, synced_column='_fivetran_synced', file_fallback=none) -%}
        coalesce(_source_file, {{ file_fallback or "'" ~ relation_name ~ "'" }}) as _source_file,
        _source_row,
        coalesce(
            _load_id,
            cast({{ dbt.datediff("cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")", synced_column, 'second') }}
                as {{ dbt.type_bigint() }})
        ) as _load_id,
        coalesce(_loaded_at, {{ synced_column }}) as _loaded_at
{%- endmacro %}

{#- The lineage columns a base model reads from a connector table (all optional), as connector_columns takes them. -#}
{% macro connector_lineage_columns(synced_column='_fivetran_synced') -%}
    {{ return([['_source_file', 'string'], ['_source_row', 'bigint'], ['_load_id', 'bigint'],
               ['_loaded_at', 'timestamp'], [synced_column, 'timestamp']]) }}
{%- endmacro %}

{#- The contract's tables (as source.table) of the domains that come from the contract in this build. -#}
{% macro contract_fed_tables() -%}
    {%- set names = [] -%}
    {%- for qualified_name in contract_table_names() if source_tool(qualified_name.split('.')[0]) == 'contract' -%}
        {%- do names.append(qualified_name) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#-
    A base model of a connector table, whole: the listed columns read from the landed table and typed (null
    for those it lacks; no rows when an optional table was never landed), soft-deleted rows
    (_fivetran_deleted) dropped, and the lineage columns. `columns` is a list of [name, type] pairs;
    `output` names the columns the model returns (default: all listed), `keep_where` adds a condition a row
    must meet (Stripe's livemode, say).
-#}
{% macro connector_base(source_name, table_name, columns, output=none, keep_where=none) -%}
    {%- set returned = output if output is not none else columns | map('first') | list -%}
with

landed as (
    {{ connector_select(source(source_name, table_name), columns) }}
),

final as (
    select
        {%- for name in returned %}
        {{ name }},
        {%- endfor %}
        {{ connector_lineage(source_name ~ '.' ~ table_name) }}
    from landed
    where not coalesce(_fivetran_deleted, false){% if keep_where %} and ({{ keep_where }}){% endif %}
)

select * from final
{%- endmacro %}

{#-
    A connector table as landed, every listed column typed (null where the table lacks one; no rows when an
    optional table was never landed) and kept with its raw lineage and Fivetran columns, soft-deleted rows
    dropped. For a Fivetran history table (one row per version: _fivetran_active, _fivetran_start),
    `current_version_of` names its key, and is_current_version marks the active version (without
    _fivetran_active, the latest updated_at), as Fivetran's own packages pick it.
-#}
{% macro connector_landed(source_name, table_name, columns, current_version_of=none) -%}
with

landed as (
    {{ connector_select(source(source_name, table_name), columns) }}
),

final as (
    select
        *{% if current_version_of %},
        row_number() over (
            partition by {{ current_version_of }}
            order by coalesce(_fivetran_active, false) desc, updated_at desc, _fivetran_start desc
        ) = 1 as is_current_version
        {%- endif %}
    from landed
    where not coalesce(_fivetran_deleted, false)
)

select * from final
{%- endmacro %}

{#-
    The select of a connector table's listed columns (typed, null where it lacks one) with _fivetran_deleted and
    the lineage columns; no rows, and no error, when an optional table was never landed.
-#}
{% macro connector_select(relation, columns) -%}
    {%- set landed_relation = load_relation(relation) if execute else relation -%}
    select
        {{ connector_columns(relation, columns + [['_fivetran_deleted', 'boolean']] + connector_lineage_columns()) }}
    {% if landed_relation -%}
        from {{ relation }}
    {%- else -%}
        from (select 1 as no_table) as missing
        where 1 = 0
    {%- endif %}
{%- endmacro %}
