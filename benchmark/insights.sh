#!/usr/bin/env bash
# Latency of the insights on a scenario with 10 million events over 30 days: GET /metrics (hourly series) and
# POST /estimate (a what-if). scenario_metrics is seeded directly with SQL (43,200 minutes × 2 shards), as the ingest
# module would have written it; the load tool runs in its own JVM. Measured once on the raw minutes, then after the
# server's hourly rollup (migration V8, run every minute) has caught up, which is the steady state.
# Usage: benchmark/insights.sh [concurrency=4] [seconds=30] [events=10000000]
. "$(dirname "$0")/lib.sh"
C=${1:-4}; S=${2:-30}; EVENTS=${3:-10000000}
build
# the rollup's first run waits 3 minutes, so that the raw-minute path is measured first
start_app --mockupaws.insights.rollup-initial-delay=PT3M
sign_in
machine

PGPORT=$(sed -n 4p "$BENCH_DATA/pg/postmaster.pid")
export PGPASSWORD=$(cat "$BENCH_DATA/pg-superuser-password")
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -d mockupaws -v ON_ERROR_STOP=1 -q"

ID=$(curl -fs -XPOST "$BASE/api/v1/scenarios" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"insights benchmark","pipeline":{"lambda":{"batch_size":10,"memory_mb":512},"bedrock":{"prompt_overhead_tokens":200}}}' \
  | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
echo "scenario $ID"

# Per minute ~EVENTS/43,200 events, split over 2 shards with a deterministic spread; small messages (420 bytes), so a
# SendMessageBatch of b events is ceil(events/b) requests.
started=$SECONDS
$PSQL <<SQL
SELECT setseed(0.42);
INSERT INTO scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests, input_tokens,
                              chars, pii_events, pii_email, pii_ipv4)
SELECT '$ID', m, s, e, e * 420, e,
       ARRAY(SELECT (e + b - 1) / b FROM generate_series(1, 10) b), e * 95, e * 400, e / 40, e / 80, e / 80
FROM (SELECT m, s, ($EVENTS / 86400.0 * (0.75 + random() / 2))::bigint AS e
      FROM generate_series(date_trunc('day', now() - interval '30 days'), date_trunc('day', now()) - interval '1 minute',
                           interval '1 minute') AS m,
           generate_series(0, 1) AS s) AS x;
ANALYZE scenario_metrics;
SQL
echo "seeded $($PSQL -tAc "SELECT count(*) || ' rows, ' || sum(events) || ' events' FROM scenario_metrics") in $((SECONDS - started)) s"

body=$(mktemp)
echo '{"pipeline":{"bedrock":{"model_id":"amazon.nova-micro-v1:0"},"lambda":{"batch_size":100,"architecture":"arm64"}}}' > "$body"
# one warm call each, and a look at the size of the answers
curl -fs -o /dev/null -w "metrics response: %{size_download} bytes, first call %{time_total} s\n" "$BASE/api/v1/scenarios/$ID/metrics" -H "Authorization: Bearer $TOKEN"
curl -fs -o /dev/null -w "estimate response: %{size_download} bytes, first call %{time_total} s\n" -XPOST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data @"$body" "$BASE/api/v1/scenarios/$ID/estimate"

load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/metrics" --concurrency 1 --duration "$S" --label "metrics, raw minutes (before the rollup), 1 connection"
load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/estimate" --method POST --body-file "$body" --header "Content-Type: application/json" \
     --concurrency 1 --duration "$S" --label "estimate, raw minutes (before the rollup), 1 connection"

echo "waiting for the hourly rollup to catch up..."
for _ in $(seq 1 80); do
  [ "$($PSQL -tAc "SELECT count(*) FROM scenario_metrics_rollup WHERE rolled_until >= date_trunc('hour', now() - interval '5 minutes')")" = 1 ] && break
  sleep 5
done
echo "rolled up: $($PSQL -tAc "SELECT count(*) || ' hours until ' || max(r.rolled_until) FROM scenario_metrics_hourly h, scenario_metrics_rollup r")"

load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/metrics" --concurrency 1 --duration "$S" --label "metrics, hourly, 1 connection"
load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/metrics" --concurrency "$C" --duration "$S" --label "metrics, hourly, $C connections"
load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/estimate" --method POST --body-file "$body" --header "Content-Type: application/json" \
     --concurrency 1 --duration "$S" --label "estimate (other model, batch 100, arm64), 1 connection"
load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/estimate" --method POST --body-file "$body" --header "Content-Type: application/json" \
     --concurrency "$C" --duration "$S" --label "estimate (other model, batch 100, arm64), $C connections"
load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/projection" --concurrency 1 --duration "$S" --label "projection, 1 connection"
