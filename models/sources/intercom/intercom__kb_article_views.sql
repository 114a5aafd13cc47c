{# Intercom's Fivetran tables hold no article views: an empty kb_article_views (docs/sources/intercom.md). #}
{{ empty_contract_relation('helpdesk', 'kb_article_views') }}
