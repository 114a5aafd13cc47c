{#-
    Drop a schema and everything in it, if it exists: write-audit-publish on Spark builds each candidate
    into an emptied schema. `dbt run-operation drop_schema_named --args '{schema: marts__blue}'`.
-#}
{% macro drop_schema_named(schema) %}
    {% do adapter.drop_schema(api.Relation.create(schema=schema)) %}
    {% do log('dropped schema ' ~ schema ~ ' (if it existed)', info=true) %}
{% endmacro %}
