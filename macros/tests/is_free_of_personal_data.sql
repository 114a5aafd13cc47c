{#-
    Privacy (docs/metrics.md §9): no email address and no card number (13 to 19 digits, single spaces
    or dashes between) left in the column after masking: the very patterns masking uses
    (macros/generated/personal_data_patterns.sql). Fails with the rows that still hold one.
-#}
{% test is_free_of_personal_data(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where
        {{ regex_matches(column_name, personal_data_pattern('email')) }}
        or {{ regex_matches(column_name, personal_data_pattern('card')) }}
{% endtest %}
