{#
    One row per raw table: rows the loader landed = staging rows + superseded versions + dropped duplicates (docs/raw-
    data.md "Records are versioned").
#}
{% set versioned = ['helpdesk__conversations', 'helpdesk__agents', 'helpdesk__kb_articles', 'billing__accounts',
                    'billing__customers', 'billing__subscriptions', 'billing__invoices'] %}
{% set append_only = ['helpdesk__messages', 'helpdesk__events', 'helpdesk__kb_article_views', 'survey__responses',
                      'finance__support_costs'] %}

with

manifest as (
    select * from {{ ref('stg_loader__load_manifest') }}
),

staged as (
    {% for table_name in versioned + append_only %}
        {%- set source_name, entity = table_name.split('__') %}
        select
            '{{ table_name }}' as table_name,
            count(*) as staging_row_count,
            {{ 'coalesce(sum(superseded_version_count), 0)' if table_name in versioned else '0' }}
                as superseded_version_count,
            {{ 'coalesce(sum(dropped_duplicate_count), 0)' if table_name in append_only else '0' }}
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
