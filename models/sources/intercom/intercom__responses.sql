{#
    Intercom's conversation ratings as CSAT answers on a 1-5 scale (docs/sources/intercom.md): one per rated
    conversation, by its customer, sent when the conversation closed (or when rated, if earlier) and answered
    when rated. Intercom has no CES and no NPS.
#}
with

conversation_history as (
    select * from {{ ref('base_intercom__conversation_history') }}
    where is_current_version
),

conversations as (
    select * from {{ ref('intercom__conversations') }}
),

rated as (
    select
        'rating-' || conversation_history.id as response_id,
        conversation_history.id as conversation_id,
        conversations.customer_id,
        coalesce(conversation_history.conversation_rating_created_at, conversation_history.updated_at)
            as responded_at,
        conversations.closed_at,
        conversation_history.conversation_rating_value,
        conversation_history.conversation_rating_remark,
        conversation_history._source_file,
        conversation_history._source_row,
        conversation_history._load_id,
        conversation_history._loaded_at,
        conversation_history._fivetran_synced
    from conversation_history
    inner join conversations on conversation_history.id = conversations.conversation_id
    where conversation_history.conversation_rating_value is not null
),

final as (
    select
        response_id,
        'csat' as survey_type,
        conversation_id,
        customer_id,
        case when closed_at < responded_at then closed_at else responded_at end as sent_at,
        responded_at,
        cast(conversation_rating_value as {{ type_double() }}) as score,
        1 as scale_min,
        5 as scale_max,
        conversation_rating_remark as comment,
        {{ connector_lineage('intercom.conversation_history') }}
    from rated
)

select * from final
