{#
    One row per survey response (append-only; a repeated response_id keeps its first copy in load order); score
    normalized to 0..1 (docs/metrics.md §3), comment masked (§9).
#}
with

responses as (
    {{ deduplicated_source('survey', 'responses') }}
),

final as (
    select
        response_id,
        conversation_id,
        customer_id,
        {{ normalize_enum('survey_type') }} as survey_type,
        cast(score as {{ type_double() }}) as score,
        cast(scale_min as {{ dbt.type_int() }}) as scale_min,
        cast(scale_max as {{ dbt.type_int() }}) as scale_max,
        {{ safe_divide('score - scale_min', 'scale_max - scale_min') }} as score_normalized,
        {{ mask_personal_data('comment') }} as comment,
        dropped_duplicate_count,
        {{ staged_timestamps('survey', 'responses') }}
        {{ lineage_columns() }}
    from responses
)

select * from final
