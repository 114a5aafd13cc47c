{#- Rendered from scripts/support_metrics/contract.py by `python -m support_metrics.macros`; do not edit. -#}

{#- A raw table's key, keep mode (latest_version: versioned; first_loaded: append-only), timestamp columns and columns with their contract types. -#}
{% macro contract_table(source_name, table_name) -%}
    {%- set tables = {
        'helpdesk.conversations': {'key': 'conversation_id', 'keep': 'latest_version', 'timestamps': ['created_at', 'updated_at', 'resolved_at', 'closed_at'], 'columns': [['conversation_id', 'string'], ['customer_id', 'string'], ['channel', 'string'], ['created_at', 'timestamp'], ['updated_at', 'timestamp'], ['status', 'string'], ['resolved_at', 'timestamp'], ['closed_at', 'timestamp'], ['bot_intent', 'string'], ['bot_intent_confidence', 'double'], ['agent_intent', 'string'], ['subject', 'string']]},
        'helpdesk.messages': {'key': 'message_id', 'keep': 'first_loaded', 'timestamps': ['created_at'], 'columns': [['message_id', 'string'], ['conversation_id', 'string'], ['created_at', 'timestamp'], ['author_type', 'string'], ['author_id', 'string'], ['message_kind', 'string'], ['body', 'string']]},
        'helpdesk.events': {'key': 'event_id', 'keep': 'first_loaded', 'timestamps': ['created_at'], 'columns': [['event_id', 'string'], ['conversation_id', 'string'], ['created_at', 'timestamp'], ['event_type', 'string'], ['actor_type', 'string'], ['actor_id', 'string'], ['reason', 'string'], ['context_transferred', 'boolean'], ['article_id', 'string'], ['lead_type', 'string']]},
        'helpdesk.agents': {'key': 'agent_id', 'keep': 'latest_version', 'timestamps': ['updated_at'], 'columns': [['agent_id', 'string'], ['agent_type', 'string'], ['name', 'string'], ['team', 'string'], ['updated_at', 'timestamp']]},
        'helpdesk.kb_articles': {'key': 'article_id', 'keep': 'latest_version', 'timestamps': ['updated_at'], 'columns': [['article_id', 'string'], ['title', 'string'], ['intent', 'string'], ['updated_at', 'timestamp']]},
        'helpdesk.kb_article_views': {'key': 'view_id', 'keep': 'first_loaded', 'timestamps': ['viewed_at'], 'columns': [['view_id', 'string'], ['customer_id', 'string'], ['article_id', 'string'], ['viewed_at', 'timestamp'], ['source', 'string']]},
        'survey.responses': {'key': 'response_id', 'keep': 'first_loaded', 'timestamps': ['sent_at', 'responded_at'], 'columns': [['response_id', 'string'], ['survey_type', 'string'], ['conversation_id', 'string'], ['customer_id', 'string'], ['sent_at', 'timestamp'], ['responded_at', 'timestamp'], ['score', 'double'], ['scale_min', 'integer'], ['scale_max', 'integer'], ['comment', 'string']]},
        'billing.accounts': {'key': 'account_id', 'keep': 'latest_version', 'timestamps': ['created_at', 'updated_at'], 'columns': [['account_id', 'string'], ['account_name', 'string'], ['plan_tier', 'string'], ['region', 'string'], ['industry', 'string'], ['segment', 'string'], ['created_at', 'timestamp'], ['updated_at', 'timestamp']]},
        'billing.customers': {'key': 'customer_id', 'keep': 'latest_version', 'timestamps': ['created_at', 'updated_at'], 'columns': [['customer_id', 'string'], ['account_id', 'string'], ['email', 'string'], ['created_at', 'timestamp'], ['updated_at', 'timestamp']]},
        'billing.subscriptions': {'key': 'subscription_id', 'keep': 'latest_version', 'timestamps': ['started_at', 'canceled_at', 'updated_at'], 'columns': [['subscription_id', 'string'], ['account_id', 'string'], ['plan', 'string'], ['mrr', 'decimal'], ['currency', 'string'], ['started_at', 'timestamp'], ['canceled_at', 'timestamp'], ['cancel_reason', 'string'], ['updated_at', 'timestamp']]},
        'billing.invoices': {'key': 'invoice_id', 'keep': 'latest_version', 'timestamps': ['issued_at', 'paid_at', 'updated_at'], 'columns': [['invoice_id', 'string'], ['account_id', 'string'], ['subscription_id', 'string'], ['issued_at', 'timestamp'], ['amount', 'decimal'], ['currency', 'string'], ['status', 'string'], ['paid_at', 'timestamp'], ['updated_at', 'timestamp']]},
        'finance.support_costs': {'key': 'cost_id', 'keep': 'first_loaded', 'timestamps': [], 'columns': [['cost_id', 'string'], ['month', 'date'], ['category', 'string'], ['amount', 'decimal'], ['currency', 'string']]},
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
