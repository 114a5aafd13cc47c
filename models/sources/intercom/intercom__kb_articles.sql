{#
    Intercom's Fivetran tables the adapter reads hold no knowledge-base articles: an empty kb_articles
    (docs/sources/intercom.md).
#}
{{ empty_contract_relation('helpdesk', 'kb_articles') }}
