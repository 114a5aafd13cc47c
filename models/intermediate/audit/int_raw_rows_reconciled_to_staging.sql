{#
    One row per raw table of the contract (the list and each keep mode from contract.py, through
    contract_table_names and contract_table): rows the loader landed = staging rows + superseded versions +
    dropped duplicates (docs/raw-data.md "Records are versioned").
#}
with

manifest as (
    select * from {{ ref('stg_loader__load_manifest') }}
),

staged as (
    {% for qualified_name in contract_fed_tables() %}
        {%- set source_name, entity = qualified_name.split('.') %}
        {%- set keep = contract_table(source_name, entity).keep %}
        select
            '{{ source_name }}__{{ entity }}' as table_name,
            count(*) as staging_row_count,
            {{ 'coalesce(sum(superseded_version_count), 0)' if keep == 'latest_version' else '0' }}
                as superseded_version_count,
            {{ 'coalesce(sum(dropped_duplicate_count), 0)' if keep == 'first_loaded' else '0' }}
                as dropped_duplicate_count
        from {{ ref('stg_' ~ source_name ~ '__' ~ entity) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

landed as (
    select
        table_name,
        sum(rows_loaded_count) as raw_row_count
    from manifest
    where status = 'loaded'
    group by table_name
),

final as (
    select
        staged.table_name,
        coalesce(landed.raw_row_count, 0) as raw_row_count,
        staged.staging_row_count,
        staged.superseded_version_count,
        staged.dropped_duplicate_count,
        coalesce(landed.raw_row_count, 0)
        = staged.staging_row_count + staged.superseded_version_count + staged.dropped_duplicate_count
            as is_reconciled
    from staged
    left join landed on staged.table_name = landed.table_name
)

select * from final
