{#-
    Two CTEs for a spine without a recursive query (every engine): `digits` (0..9) and `<column>s`, the integers
    0 .. 10^places - 1 in column `column`. Use inside a `with`, followed by a comma.
-#}
{% macro integer_offsets(column, places) -%}
    digits as (
        select 0 as digit
        {%- for digit in range(1, 10) %}
            union all
            select {{ digit }} as digit
        {%- endfor %}
    ),

    {{ column }}s as (
        select
            {% for place in range(places) -%}
                place_{{ place }}.digit * {{ 10 ** place }}{{ ' + ' if not loop.last }}
            {%- endfor %} as {{ column }}
        from digits as place_0
        {%- for place in range(1, places) %}
            cross join digits as place_{{ place }}
        {%- endfor %}
    )
{%- endmacro %}
