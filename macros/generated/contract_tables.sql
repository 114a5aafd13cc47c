{#- Rendered from scripts/support_metrics/contract.py by `python -m support_metrics.macros`; do not edit. -#}

{#- A raw table's key and keep mode: latest_version (versioned) or first_loaded (append-only). -#}
{% macro contract_table(source_name, table_name) -%}
    {%- set tables = {
        'helpdesk.conversations': {'key': 'conversation_id', 'keep': 'latest_version'},
        'helpdesk.messages': {'key': 'message_id', 'keep': 'first_loaded'},
        'helpdesk.events': {'key': 'event_id', 'keep': 'first_loaded'},
        'helpdesk.agents': {'key': 'agent_id', 'keep': 'latest_version'},
        'helpdesk.kb_articles': {'key': 'article_id', 'keep': 'latest_version'},
        'helpdesk.kb_article_views': {'key': 'view_id', 'keep': 'first_loaded'},
        'survey.responses': {'key': 'response_id', 'keep': 'first_loaded'},
        'billing.accounts': {'key': 'account_id', 'keep': 'latest_version'},
        'billing.customers': {'key': 'customer_id', 'keep': 'latest_version'},
        'billing.subscriptions': {'key': 'subscription_id', 'keep': 'latest_version'},
        'billing.invoices': {'key': 'invoice_id', 'keep': 'latest_version'},
        'finance.support_costs': {'key': 'cost_id', 'keep': 'first_loaded'},
    } -%}
    {%- set name = source_name ~ '.' ~ table_name -%}
    {%- if name not in tables -%}
        {{ exceptions.raise_compiler_error('no raw table ' ~ name) }}
    {%- endif -%}
    {{ return(tables[name]) }}
{%- endmacro %}

{#- The lineage columns the loader adds to every raw row, in order. -#}
{% macro lineage_columns() -%}
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
{%- endmacro %}
