{#
    Every landed file reconciles: rows read = rows loaded + rows rejected, and the raw table
    and the rejects table hold exactly those counts for the file (docs/raw-data.md).
    Returns the files that break it; zero rows is a pass.
#}

with

manifest as (
    select * from {{ source('loader', 'load_manifest') }}
    where
        status = 'loaded'
        -- the contract's tables this build reads (a tool's tables are reconciled by the loader's own tests)
        and table_name in (
            {%- for qualified_name in contract_fed_tables() %}
                '{{ qualified_name.replace('.', '__') }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
),

rejects as (
    select * from {{ source('loader', 'rejects') }}
),

landed_rows as (
    {% for qualified_name in contract_fed_tables() %}
        {%- set source_name, table_name = qualified_name.split('.') %}
        select
            _load_id as load_id,
            _source_file as source_file,
            count(*) as row_count
        from {{ source(source_name, table_name) }}
        group by 1, 2
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

rejected_rows as (
    select
        load_id,
        source_file,
        count(*) as row_count
    from rejects
    group by 1, 2
),

final as (
    select
        manifest.load_id,
        manifest.source_file,
        manifest.rows_read,
        manifest.rows_loaded,
        manifest.rows_rejected,
        coalesce(landed_rows.row_count, 0) as rows_in_raw_table,
        coalesce(rejected_rows.row_count, 0) as rows_in_rejects
    from manifest
    left join landed_rows
        on
            manifest.load_id = landed_rows.load_id
            and manifest.source_file = landed_rows.source_file
    left join rejected_rows
        on
            manifest.load_id = rejected_rows.load_id
            and manifest.source_file = rejected_rows.source_file
)

select * from final
where
    rows_read != rows_loaded + rows_rejected
    or rows_loaded != rows_in_raw_table
    or rows_rejected != rows_in_rejects
