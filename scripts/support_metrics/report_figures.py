"""The SQL of every figure in the review report: one `select` of published mart columns per figure, by name.

Allowed here: filtering, ordering, picking the latest period, sum() of additive parts, and a rate as
sum(numerator part) / sum(denominator part) of one mart's published parts. No windows, no new definitions."""

from __future__ import annotations


def latest(mart: str, column: str) -> str:
    """The mart's latest date, week, month or quarter, as a scalar subquery."""
    return f"(select max({column}) from marts.{mart})"


# Each section's period: the latest date, week or month of the mart that names it in the section's title.
DAY = latest("mart_daily_glance", "date")
WEEK = latest("mart_response_times_weekly", "week")
MONTH = latest("mart_cost_monthly", "month")
TREND_WEEK = latest("mart_metric_trends_weekly", "week")
NOT_NO_RESPONSE = "resolution_path != 'no_response'"

FIGURES: dict[str, str] = {
    # Daily glance: the latest date of mart_daily_glance; cards sum its channels, charts show each channel.
    "daily_date": f"select {DAY}",
    "conversations_today": f"select sum(conversation_count) from marts.mart_daily_glance where date = {DAY}",
    "escalations_today": f"select sum(escalated_count) from marts.mart_daily_glance where date = {DAY}",
    "zero_response_today": f"select sum(zero_response_count) from marts.mart_daily_glance where date = {DAY}",
    "daily_conversations": "select channel, conversation_count as today, prior_4w_mean_conversation_count as before "
                           f"from marts.mart_daily_glance where date = {DAY} order by channel",
    "daily_escalations": "select channel, escalated_count as today, prior_4w_mean_escalated_count as before "
                         f"from marts.mart_daily_glance where date = {DAY} order by channel",
    "daily_zero_response": "select channel, zero_response_count as today, prior_4w_mean_zero_response_count as before "
                           f"from marts.mart_daily_glance where date = {DAY} order by channel",
    # Weekly review.
    # the backlog at the end of the glance's day, and the SLAs of its week so far (the same ISO week)
    "backlog_today": f"select sum(open_at_end_count) from marts.mart_backlog_daily where date = {DAY}",
    "backlog_over_7d_today": f"select sum(aged_over_7d_count) from marts.mart_backlog_daily where date = {DAY}",
    "sla_breaches_this_week": "select sum(breached_count) from marts.mart_sla_weekly "
                              f"where week = date_trunc('week', {DAY})",
    "daily_backlog_by_age": "select channel, age, open_count from (" + " union all ".join(
        f"select channel, '{label}' as age, {column} as open_count, {rank} as age_rank "
        f"from marts.mart_backlog_daily where date = {DAY}"
        for rank, (label, column) in enumerate((
            ("under 1 day", "aged_under_1d_count"), ("1 to 3 days", "aged_1_to_3d_count"),
            ("3 to 7 days", "aged_3_to_7d_count"), ("7 days or more", "aged_over_7d_count"))))
    + ") as aged order by channel, age_rank",
    "daily_sla_week": "select channel, sla_metric, clock, target_seconds, achieved_count, breached_count, "
                      "pending_count, sla_breach_rate from marts.mart_sla_weekly "
                      f"where week = date_trunc('week', {DAY}) order by channel, sla_metric",

    "weekly_week": f"select {WEEK}",
    "agents_week": "select agent_id, team, handled_conversation_count, resolved_count, reply_count, "
                   "first_human_response_median_seconds, csat, csat_response_count, reopened_count "
                   f"from marts.mart_agent_weekly where week = {WEEK} "
                   "order by handled_conversation_count desc, agent_id",
    "first_response_by_path": "select week, channel, resolution_path, first_response_median_seconds "
                              f"from marts.mart_response_times_weekly where {NOT_NO_RESPONSE} order by week",
    # Two series, one statement: all conversations (mart_support_daily's parts over the week) and the bot's rate.
    "resolution_by_intent": "select intent, 'all conversations' as measure, "
                            "sum(resolved_count) / sum(conversation_count) as rate "
                            f"from marts.mart_support_daily where date_trunc('week', date) = {WEEK} "
                            "group by intent union all "
                            "select intent, 'bot (ai_only resolved / bot-involved)', bot_resolution_rate "
                            f"from marts.mart_bot_quality_weekly where week = {WEEK} order by intent",
    "lead_capture_weekly": "select week, value from marts.mart_metric_trends_weekly "
                           "where metric = 'lead_capture_rate' order by week",
    "csat_by_path": "select strftime(week, '%Y-%m-%d') as week, resolution_path, "
                    "sum(csat_satisfied_count) / nullif(sum(csat_response_count), 0) as csat "
                    "from marts.mart_csat_ces_weekly "
                    "where resolution_path in ('ai_only', 'ai_to_human', 'human_only') and week in "
                    "(select distinct week from marts.mart_csat_ces_weekly order by week desc limit 8) "
                    "group by week, resolution_path order by week, resolution_path",
    "unanswered_questions": "select rank, question_text, occurrence_count, top_intent "
                            "from marts.mart_unanswered_questions_weekly "
                            f"where week = {latest('mart_unanswered_questions_weekly', 'week')} order by rank",
    "target_margins": "select metric, value, target, status, relative_margin_to_target "
                      f"from marts.mart_metric_trends_weekly where week = {TREND_WEEK} "
                      "and relative_margin_to_target is not null order by relative_margin_to_target, metric",
    "off_target_or_drifting": "select metric, value, target, status, is_drifting "
                              f"from marts.mart_metric_trends_weekly where week = {TREND_WEEK} "
                              "and (status = 'off_track' or is_drifting) "
                              "order by relative_margin_to_target nulls last, metric",
    # Monthly deep dive.
    "monthly_month": f"select {MONTH}",
    "cost_per_resolution_month": "select sum(allocated_cost) / nullif(sum(resolved_count), 0) "
                                 "from marts.mart_cost_monthly "
                                 f"where month = {MONTH}",
    "revenue_influenced_month": "select sum(revenue_influenced_mrr) from marts.mart_leads_monthly "
                                f"where month = {MONTH}",
    "cost_per_resolution_by_path": "select resolution_path, "
                                   "sum(allocated_cost) / nullif(sum(resolved_count), 0) as this_month, "
                                   "sum(previous_month_allocated_cost) / nullif(sum(previous_month_resolved_count), 0) "
                                   f"as last_month from marts.mart_cost_monthly where {NOT_NO_RESPONSE} "
                                   f"and month = {MONTH} "
                                   "group by resolution_path order by resolution_path",
    "revenue_influenced": "select strftime(month, '%Y-%m') as month, 'MRR of converted leads' as kind, "
                          "sum(revenue_influenced_mrr) as mrr from marts.mart_leads_monthly "
                          "group by month order by month",
    "automation_trend": "select week, value from marts.mart_metric_trends_weekly "
                        "where metric = 'automation_rate' order by week",
    "ces_by_path": "select strftime(date_trunc('month', date), '%Y-%m') as month, resolution_path, "
                   "sum(ces_score_sum) / nullif(sum(ces_response_count), 0) as ces from marts.mart_support_daily "
                   f"where {NOT_NO_RESPONSE} group by month, resolution_path order by month, resolution_path",
    "bot_vs_human_time": "select intent, handler, resolution_median_seconds from marts.mart_bot_vs_human_monthly "
                         f"where month = {MONTH} order by intent, handler",
    "bot_vs_human_cost": "select intent, handler, cost_per_resolution from marts.mart_bot_vs_human_monthly "
                         f"where month = {MONTH} order by intent, handler",
    "bot_vs_human_sentences": "select bot.intent, bot.resolution_median_seconds, bot.cost_per_resolution, "
                              "human.resolution_median_seconds, human.cost_per_resolution "
                              "from marts.mart_bot_vs_human_monthly as bot "
                              "inner join marts.mart_bot_vs_human_monthly as human "
                              "on bot.month = human.month and bot.intent = human.intent "
                              "where bot.handler = 'bot' and human.handler = 'human' "
                              f"and bot.month = {MONTH} order by bot.intent",
    # Issues by the month of their opening week (the Monday's month), each rate over the settled issues.
    "issue_outcomes": "select strftime(date_trunc('month', week), '%Y-%m') as month, "
                      "sum(fcr_count) / nullif(sum(settled_count), 0) as \"FCR\", "
                      "sum(deflected_count) / nullif(sum(settled_count), 0) as \"true deflection\", "
                      "sum(recontacted_count) / nullif(sum(settled_count), 0) as \"re-contact\" "
                      "from marts.mart_issue_outcomes_weekly group by month order by month",
    "churn_by_journey": "select support_journey, 'all months' as kind, "
                        "sum(churned_account_count) / nullif(sum(active_account_count), 0) as churn_rate "
                        "from marts.mart_retention_monthly group by support_journey order by churn_rate desc",
    "nps_by_segment": "select segment_type || ': ' || segment_value as segment, segment_type, nps "
                      f"from marts.mart_nps_quarterly where quarter = {latest('mart_nps_quarterly', 'quarter')} "
                      "order by segment_type, segment_value",
}
