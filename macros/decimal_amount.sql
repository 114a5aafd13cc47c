{#-
    The type of money amounts: the raw contract's decimal(38, 12) on every engine. A computed amount
    is cast to it so each engine returns the same scale (PostgreSQL's plain numeric keeps each value's own).
-#}
{% macro decimal_amount() -%}
    decimal(38, 12)
{%- endmacro %}
