{#-
    Privacy (metrics.md §9): no email address and no card number (13 to 19 digits, single spaces or
    dashes between) left in the column after masking. Fails with the rows that still hold one.
-#}
{% test is_free_of_personal_data(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where
        {{ regex_matches(column_name, email_pattern()) }}
        or {{ regex_matches(column_name, '(^|[^0-9A-Za-z])[0-9]([ -]?[0-9]){12,18}($|[^0-9A-Za-z_])') }}
{% endtest %}
