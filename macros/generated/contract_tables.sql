{#- Rendered from scripts/support_metrics/contract.py by `python -m support_metrics.macros`; do not edit. -#}

{#- A raw table's key, keep mode (latest_version: versioned; first_loaded: append-only) and timestamp columns. -#}
{% macro contract_table(source_name, table_name) -%}
    {%- set tables = {
        'helpdesk.conversations': {'key': 'conversation_id', 'keep': 'latest_version', 'timestamps': ['created_at', 'updated_at', 'resolved_at', 'closed_at']},
        'helpdesk.messages': {'key': 'message_id', 'keep': 'first_loaded', 'timestamps': ['created_at']},
        'helpdesk.events': {'key': 'event_id', 'keep': 'first_loaded', 'timestamps': ['created_at']},
        'helpdesk.agents': {'key': 'agent_id', 'keep': 'latest_version', 'timestamps': ['updated_at']},
        'helpdesk.kb_articles': {'key': 'article_id', 'keep': 'latest_version', 'timestamps': ['updated_at']},
        'helpdesk.kb_article_views': {'key': 'view_id', 'keep': 'first_loaded', 'timestamps': ['viewed_at']},
        'survey.responses': {'key': 'response_id', 'keep': 'first_loaded', 'timestamps': ['sent_at', 'responded_at']},
        'billing.accounts': {'key': 'account_id', 'keep': 'latest_version', 'timestamps': ['created_at', 'updated_at']},
        'billing.customers': {'key': 'customer_id', 'keep': 'latest_version', 'timestamps': ['created_at', 'updated_at']},
        'billing.subscriptions': {'key': 'subscription_id', 'keep': 'latest_version', 'timestamps': ['started_at', 'canceled_at', 'updated_at']},
        'billing.invoices': {'key': 'invoice_id', 'keep': 'latest_version', 'timestamps': ['issued_at', 'paid_at', 'updated_at']},
        'finance.support_costs': {'key': 'cost_id', 'keep': 'first_loaded', 'timestamps': []},
    } -%}
    {%- set name = source_name ~ '.' ~ table_name -%}
    {%- if name not in tables -%}
        {{ exceptions.raise_compiler_error('no raw table ' ~ name) }}
    {%- endif -%}
    {{ return(tables[name]) }}
{%- endmacro %}

{#- Every raw table of the contract as source.table, in the contract's order. -#}
{% macro contract_table_names() -%}
    {{ return(['helpdesk.conversations', 'helpdesk.messages', 'helpdesk.events', 'helpdesk.agents', 'helpdesk.kb_articles', 'helpdesk.kb_article_views', 'survey.responses', 'billing.accounts', 'billing.customers', 'billing.subscriptions', 'billing.invoices', 'finance.support_costs']) }}
{%- endmacro %}

{#- The lineage columns the loader adds to every raw row, in order. -#}
{% macro lineage_columns() -%}
        _source_file,
        _source_row,
        _load_id,
        _loaded_at
{%- endmacro %}
