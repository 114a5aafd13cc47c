{#- Zendesk Support has no knowledge base (Zendesk Guide is another product): no rows (docs/sources/zendesk.md). -#}
{{ empty_contract_relation('helpdesk', 'kb_article_views') }}
