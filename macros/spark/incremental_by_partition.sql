{#-
    How the large facts materialize: incremental by unique_key. DuckDB and PostgreSQL delete+insert by key.
    Spark has no delete on plain Parquet tables (delete+insert and merge need Delta Lake or Iceberg), so there the
    table is partitioned by spark_partition_by and an incremental run overwrites whole partitions (insert_overwrite,
    dynamic partition overwrite): get_insert_overwrite_sql below gives each partition it rewrites exactly what
    delete+insert would leave in it (docs/DECISIONLOG.md, "Spark"). DuckDB and PostgreSQL get the config they always had.
-#}
{% macro large_fact_config(unique_key, spark_partition_by) -%}
    {%- set config = {'materialized': 'incremental', 'unique_key': unique_key, 'on_schema_change': 'fail',
                      'incremental_strategy': 'delete+insert'} -%}
    {%- if target.type == 'spark' -%}
        {%- do config.update({
            'incremental_strategy': 'insert_overwrite', 'file_format': 'parquet', 'partition_by': [spark_partition_by],
            'pre_hook': 'drop table if exists {{ load_delta_relation() }}',
            'post_hook': '{{ drop_vacated_partitions() }}'}) -%}
    {%- endif -%}
    {{ return(config) }}
{%- endmacro %}


{#- Where an incremental run keeps the rows its model selected (a table beside the model's, dropped after the run). -#}
{% macro load_delta_relation() -%}
    {{ return(this.incorporate(path={'identifier': this.identifier ~ '__load_delta'}, type='table')) }}
{%- endmacro %}


{#-
    Overrides dbt-spark's macro of the same name (the project's macros come first); only Spark calls it. With a
    unique_key, the selected rows S (what delete+insert would insert) are kept in the load-delta table, and every
    partition holding a row of S, or the previous row of one of its keys, is overwritten with S's rows and its own
    rows whose key S does not hold: exactly what delete+insert leaves there. Other partitions are not written.
    A partition left with no row is not written either: drop_vacated_partitions removes it after the insert.
-#}
{% macro get_insert_overwrite_sql(source_relation, target_relation, existing_relation) %}
    {%- set unique_key = config.get('unique_key') -%}
    {%- if unique_key is none or existing_relation.is_iceberg -%}
        {{ return(dbt.get_insert_overwrite_sql(source_relation, target_relation, existing_relation)) }}
    {%- endif -%}
    {%- set keys, partitions = as_list(unique_key), as_list(config.get('partition_by')) -%}
    {%- set columns = adapter.get_columns_in_relation(target_relation) | map(attribute='quoted') | list -%}
    {%- set delta = load_delta_relation() -%}
    {% do run_query('create table ' ~ delta ~ ' using parquet as select * from ' ~ source_relation) %}
    insert overwrite table {{ target_relation }} {{ partition_cols(label='partition') }}
    select {{ columns | join(', ') }} from {{ delta }}
    union all
    select {{ qualified(columns, 'existing') }}
    from {{ target_relation }} as existing
    left semi join (
        select {{ partitions | join(', ') }} from {{ delta }}
        union
        select {{ qualified(partitions, 'previous') }}
        from {{ target_relation }} as previous
        left semi join {{ delta }} as replacing on {{ keys_match(keys, 'previous', 'replacing') }}
    ) as rewritten on {{ keys_match(partitions, 'existing', 'rewritten', null_safe=true) }}
    left anti join {{ delta }} as replacing on {{ keys_match(keys, 'existing', 'replacing') }}
{% endmacro %}


{%- macro as_list(columns) -%}
    {{ return([columns] if columns is string else columns) }}
{%- endmacro %}


{%- macro qualified(columns, alias) -%}
    {%- for column in columns -%}{{ alias }}.{{ column }}{{ ', ' if not loop.last }}{%- endfor -%}
{%- endmacro %}


{%- macro keys_match(columns, left, right, null_safe=false) -%}
    {%- for column in columns -%}
        {{ left }}.{{ column }} {{ '<=>' if null_safe else '=' }} {{ right }}.{{ column }}
        {{- ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}


{#-
    Post-hook of the Spark large facts: after an incremental run, drop each partition whose rows are all previous
    rows of keys the run moved to another partition (none of the run's rows is in it), then the load-delta table.
    Only such a partition can hold a key of the delta and no row of it: every other partition holding a key of the
    delta was rewritten with the rows it keeps, and those have no key of the delta.
-#}
{% macro drop_vacated_partitions() %}
    {%- set delta = load_delta_relation() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- if run_query('show tables in ' ~ this.schema ~ " like '" ~ delta.identifier ~ "'").rows | length == 0 -%}
        {{ return('') }}  {#- not an incremental run: no delta was written -#}
    {%- endif -%}
    {%- set keys, partitions = as_list(config.get('unique_key')), as_list(config.get('partition_by')) -%}
    {%- set vacated -%}
        select {{ qualified(partitions, 'existing') }}
        from {{ this }} as existing
        left join (select distinct {{ keys | join(', ') }} from {{ delta }}) as moved
            on {{ keys_match(keys, 'existing', 'moved') }}
        left anti join {{ delta }} as written on {{ keys_match(partitions, 'existing', 'written', null_safe=true) }}
        group by {{ qualified(partitions, 'existing') }}
        having count(*) = count(moved.{{ keys[0] }})
    {%- endset -%}
    {%- for row in run_query(vacated) -%}
        {%- set spec = [] -%}  {#- partition values are load ids: never null -#}
        {%- for column in partitions -%}
            {%- do spec.append(column ~ " = '" ~ row[loop.index0] ~ "'") -%}
        {%- endfor -%}
        {% do run_query('alter table ' ~ this ~ ' drop if exists partition (' ~ spec | join(', ') ~ ')') %}
        {% do log('dropped the vacated partition ' ~ spec | join(', ') ~ ' of ' ~ this, info=true) %}
    {%- endfor -%}
    drop table if exists {{ delta }}
{% endmacro %}
