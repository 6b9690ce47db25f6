-- Materialized views of the insights (issue #6), refreshed CONCURRENTLY by the server every 5 minutes
-- (MOCKUPAWS_MV_REFRESH_CRON) and on demand (POST /api/v1/admin/refresh-views). Undone by
-- db/rollback/U15__materialized_views.sql. Idempotent like V14, for the same reason (benchmark-db).
--
-- They are built from the aggregates, never from the raw events: the hourly rollup (V8) and the per-source
-- statistics (V3), so a refresh reads thousands of rows, not millions. Everything in them is an exact integer or
-- an exact decimal product; there is no money in them: a cost is the price book applied to these quantities, by
-- the cost engine, on read, so that a new price never leaves stale dollars behind.
--
-- Insights stay exact however stale a view is: a view is read only for what it provably holds in final form (see
-- MetricsRepository and the README, "Materialized views").

-- When each view was last refreshed (the start of the refresh: its data is the database as of then), how long it
-- took and how many rows it has; the last error of a failed attempt. The refresh-age gauge reads it.
CREATE TABLE IF NOT EXISTS mv_refresh_state (
    view_name       text        PRIMARY KEY,
    refreshed_at    timestamptz,
    duration_ms     bigint,
    row_count       bigint,
    last_attempt_at timestamptz,
    last_error      text
);

-- Per scenario and UTC day: the sums of the complete days of the hourly rollup, and the per-minute figures that are
-- not linear in the events (invocations ceil(N/b), the duration model's billed ms) under the scenario's stored
-- pipeline config, which is recorded with them. A day is here only once every hour of it is rolled up
-- (hour < covered_until): rolled-up hours are final, so a day in this view never changes afterwards.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_scenario_daily_stats AS
WITH cfg AS (
    SELECT s.id AS scenario_id, s.owner_id,
           date_trunc('day', r.rolled_until, 'UTC') AS covered_until,
           coalesce((s.pipeline #>> '{lambda,batch_size}')::bigint, 1) AS batch_size,
           CASE WHEN s.pipeline #>> '{lambda,duration_model,base_ms}' IS NULL
                THEN coalesce((s.pipeline #>> '{lambda,duration_ms}')::bigint, 100) END AS duration_ms,
           (s.pipeline #>> '{lambda,duration_model,base_ms}')::numeric AS base_ms,
           CASE WHEN s.pipeline #>> '{lambda,duration_model,base_ms}' IS NOT NULL
                THEN coalesce((s.pipeline #>> '{lambda,duration_model,per_kb_ms}')::numeric, 0) END AS per_kb_ms,
           coalesce((s.pipeline #>> '{sqs,send_batch_size}')::int, 1) AS send_batch_size,
           coalesce((s.pipeline #>> '{sqs,include_consumer_requests}')::boolean, true) AS include_consumer_requests,
           coalesce((s.pipeline #>> '{lambda,memory_mb}')::bigint, 128) AS memory_mb,
           coalesce((s.pipeline #>> '{lambda,ephemeral_storage_mb}')::bigint, 512) AS ephemeral_storage_mb,
           coalesce((s.pipeline #>> '{bedrock,prompt_overhead_tokens}')::bigint, 0) AS prompt_overhead_tokens,
           coalesce((s.pipeline #>> '{bedrock,output_tokens_per_invocation}')::bigint, 100) AS output_tokens_per_invocation
    FROM scenarios s JOIN scenario_metrics_rollup r ON r.scenario_id = s.id
)
SELECT c.scenario_id, c.owner_id, date_trunc('day', h.hour, 'UTC') AS day, c.covered_until,
       c.batch_size, c.duration_ms, c.base_ms, c.per_kb_ms, c.send_batch_size, c.include_consumer_requests,
       c.memory_mb, c.ephemeral_storage_mb, c.prompt_overhead_tokens, c.output_tokens_per_invocation,
       count(*)::int AS hours,
       sum(h.events)::bigint AS events, sum(h.bytes)::bigint AS bytes, sum(h.sqs_blocks)::bigint AS sqs_blocks,
       ARRAY[sum(h.sqs_send_requests[1]), sum(h.sqs_send_requests[2]), sum(h.sqs_send_requests[3]),
             sum(h.sqs_send_requests[4]), sum(h.sqs_send_requests[5]), sum(h.sqs_send_requests[6]),
             sum(h.sqs_send_requests[7]), sum(h.sqs_send_requests[8]), sum(h.sqs_send_requests[9]),
             sum(h.sqs_send_requests[10])]::bigint[] AS sqs_send_requests,
       sum(h.input_tokens)::bigint AS input_tokens, sum(h.chars)::bigint AS chars,
       sum(h.pii_events)::bigint AS pii_events, sum(h.pii_email)::bigint AS pii_email,
       sum(h.pii_us_ssn)::bigint AS pii_us_ssn, sum(h.pii_payment_card)::bigint AS pii_payment_card,
       sum(h.pii_phone)::bigint AS pii_phone, sum(h.pii_ipv4)::bigint AS pii_ipv4, sum(h.pii_ipv6)::bigint AS pii_ipv6,
       sum(h.pii_iban)::bigint AS pii_iban, sum(h.pii_aws_access_key)::bigint AS pii_aws_access_key,
       sum(h.pii_jwt)::bigint AS pii_jwt, sum(h.pii_private_key)::bigint AS pii_private_key,
       sum(m.invocations)::bigint AS invocations, sum(m.billed_ms)::bigint AS billed_ms
FROM scenario_metrics_hourly h
JOIN cfg c ON c.scenario_id = h.scenario_id
-- per minute, exactly as MetricsRepository computes it: L = ceil(N/b); billed = L·duration, or with a model
-- L·ceil((base·L·1024 + per_kb·bytes) / (L·1024)) by integer div/mod
CROSS JOIN LATERAL (
    SELECT sum(l)::bigint AS invocations,
           sum(CASE WHEN c.base_ms IS NULL THEN l * c.duration_ms
                    WHEN l = 0 THEN 0
                    ELSE l * (div(c.base_ms * l * 1024 + c.per_kb_ms * b, l * 1024)
                              + CASE WHEN mod(c.base_ms * l * 1024 + c.per_kb_ms * b, l * 1024) > 0 THEN 1 ELSE 0 END)
               END)::bigint AS billed_ms
    FROM (SELECT (e + c.batch_size - 1) / c.batch_size AS l, b
          FROM unnest(h.minute_events, h.minute_bytes) AS u(e, b)) per_minute
) m
WHERE h.hour < c.covered_until
GROUP BY c.scenario_id, c.owner_id, date_trunc('day', h.hour, 'UTC'), c.covered_until, c.batch_size, c.duration_ms,
         c.base_ms, c.per_kb_ms, c.send_batch_size, c.include_consumer_requests, c.memory_mb, c.ephemeral_storage_mb,
         c.prompt_overhead_tokens, c.output_tokens_per_invocation;

CREATE UNIQUE INDEX IF NOT EXISTS mv_scenario_daily_stats_key ON mv_scenario_daily_stats (scenario_id, day);
-- a tenant's days across their scenarios (dashboards, reports)
CREATE INDEX IF NOT EXISTS mv_scenario_daily_stats_owner ON mv_scenario_daily_stats (owner_id, day);

-- Per scenario and UTC month: the cost drivers of the month's bill under the scenario's stored config — what the
-- cost engine prices (UsageCalculator over per-window sums, COST-MODEL.md) — from the daily view. complete: every
-- day of the month is in the daily view. GB-seconds are exact decimals: billed_ms × MB × 1/1024 × 1/1000, and
-- 1/1 024 000 = 0.0000009765625 exactly, so it is a product, never a rounded division.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_monthly_costs AS
SELECT scenario_id, owner_id, date_trunc('month', day, 'UTC') AS month,
       -- (month arithmetic on UTC wall time: the session's time zone must not move a month's end)
       ((date_trunc('month', day, 'UTC') AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC' <= covered_until
           AS complete,
       batch_size, duration_ms, base_ms, per_kb_ms, send_batch_size, include_consumer_requests, memory_mb,
       ephemeral_storage_mb, prompt_overhead_tokens, output_tokens_per_invocation,
       count(*)::int AS days,
       sum(events)::bigint AS events, sum(bytes)::bigint AS bytes, sum(sqs_blocks)::bigint AS sqs_blocks,
       sum(input_tokens)::bigint AS input_tokens, sum(pii_events)::bigint AS pii_events,
       sum(sqs_send_requests[send_batch_size])::bigint AS sqs_send_requests,
       (sum(sqs_send_requests[send_batch_size])
           + CASE WHEN include_consumer_requests THEN 2 * sum(invocations) ELSE 0 END)::bigint AS sqs_requests,
       sum(invocations)::bigint AS lambda_requests,
       sum(billed_ms)::bigint AS lambda_billed_ms,
       sum(billed_ms)::numeric * memory_mb * 0.0000009765625 AS lambda_gb_seconds,
       sum(billed_ms)::numeric * greatest(ephemeral_storage_mb - 512, 0) * 0.0000009765625 AS lambda_storage_gb_seconds,
       (sum(input_tokens) + sum(invocations) * prompt_overhead_tokens)::bigint AS bedrock_input_tokens,
       (sum(invocations) * output_tokens_per_invocation)::bigint AS bedrock_output_tokens
FROM mv_scenario_daily_stats
GROUP BY scenario_id, owner_id, date_trunc('month', day, 'UTC'), covered_until, batch_size, duration_ms, base_ms,
         per_kb_ms, send_batch_size, include_consumer_requests, memory_mb, ephemeral_storage_mb,
         prompt_overhead_tokens, output_tokens_per_invocation;

CREATE UNIQUE INDEX IF NOT EXISTS mv_monthly_costs_key ON mv_monthly_costs (scenario_id, month);
CREATE INDEX IF NOT EXISTS mv_monthly_costs_owner ON mv_monthly_costs (owner_id, month);

-- Per scenario and source over the scenario's life: the per-source statistics with their shards summed, with the
-- scenario's totals beside them (shares without a second pass). scenario_events is what a reader compares with the
-- scenario's live event count: equal means no event arrived since the refresh (counts only grow), so the view is
-- exact for that scenario.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_source_analytics AS
SELECT st.scenario_id, s.owner_id, st.source,
       sum(st.events)::bigint AS events, sum(st.bytes)::bigint AS bytes, sum(st.sqs_blocks)::bigint AS sqs_blocks,
       sum(st.input_tokens)::bigint AS input_tokens, sum(st.pii_events)::bigint AS pii_events,
       (sum(sum(st.events)) OVER w)::bigint AS scenario_events,
       (sum(sum(st.sqs_blocks)) OVER w)::bigint AS scenario_sqs_blocks,
       (sum(sum(st.input_tokens)) OVER w)::bigint AS scenario_input_tokens
FROM scenario_source_stats st JOIN scenarios s ON s.id = st.scenario_id
GROUP BY st.scenario_id, s.owner_id, st.source
WINDOW w AS (PARTITION BY st.scenario_id);

CREATE UNIQUE INDEX IF NOT EXISTS mv_source_analytics_key ON mv_source_analytics (scenario_id, source);
CREATE INDEX IF NOT EXISTS mv_source_analytics_owner ON mv_source_analytics (owner_id, source);

-- The views were filled when created (a CONCURRENTLY refresh needs a populated view).
INSERT INTO mv_refresh_state (view_name, refreshed_at, duration_ms, row_count)
SELECT v, now(), 0, 0 FROM unnest(ARRAY['mv_scenario_daily_stats', 'mv_monthly_costs', 'mv_source_analytics']) AS v
ON CONFLICT (view_name) DO NOTHING;
