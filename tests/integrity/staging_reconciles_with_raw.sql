{#
    Every raw table reconciles with its staging model: rows landed by the loader = staging rows
    + superseded versions + dropped duplicates. Returns the tables that break it; zero rows is a pass.
#}
select *
from {{ ref('int_raw_rows_reconciled_to_staging') }}
where not is_reconciled
