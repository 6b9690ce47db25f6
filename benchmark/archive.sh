#!/usr/bin/env bash
# Archiving figures, on the packaged jar with its embedded PostgreSQL:
#  1. seed old data with SQL on the server (INSERT ... SELECT generate_series): two whole months of events past the
#     policy (moved by partition swap), half a month more (moved row by row: the cutoff falls on its 15th), a month of
#     recent events that stays, 60 days of per-minute metrics from 800 days ago, and a recent month of metrics
#  2. sizes (pg_total_relation_size) and API latency on the live data before archiving
#  3. archive --dry-run, then archive --logs and archive --metrics (the CLI, as an operator runs it): rows/s, per month
#     the time of the swap itself and of its preparation
#  4. sizes and the same latencies after archiving
# Usage: benchmark/archive.sh [events-per-old-month=1000000] [events-row-by-row=1000000] [batch-size=50000] [seconds=20]
# LIVE_INDEX=0 leaves scenario_logs without an index on (scenario_id, received_at) (the DB-performance work adds one);
# the swap then builds the archive's index on each month first, concurrently.
. "$(dirname "$0")/lib.sh"
PER_MONTH=${1:-1000000}; ROW_BY_ROW=${2:-1000000}; BATCH=${3:-50000}; S=${4:-20}
build
start_app
sign_in
machine
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
PG_PORT=$(sed -n 4p "$BENCH_DATA/pg/postmaster.pid")
export PGPASSWORD; PGPASSWORD=$(cat "$BENCH_DATA/pg-superuser-password")
PSQL=(/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d mockupaws -v ON_ERROR_STOP=1 -qAt)
jar() { MOCKUPAWS_DATA_DIR="$BENCH_DATA" LOGGING_LEVEL_IO_MOCKUPAWS_ARCHIVE=INFO "$JAVA" -jar target/mockupaws.jar "$@"; }

ID=$(curl -fs -XPOST "$BASE/api/v1/scenarios" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"archive benchmark","pipeline":{"lambda":{"batch_size":10}}}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
OWNER=$("${PSQL[@]}" -c "SELECT owner_id FROM scenarios WHERE id = '$ID'")
# the logs cutoff on the 15th of the month 13 months ago, so that month is half past the policy
DAYS=$("${PSQL[@]}" -c "SELECT (now() AT TIME ZONE 'UTC')::date - (date_trunc('month', now() - interval '13 months') + interval '14 days')::date")
echo "scenario $ID; logs policy set to $DAYS days (cutoff $("${PSQL[@]}" -c "SELECT date_trunc('day', now() - interval '$DAYS days', 'UTC')"))"

echo "seeding..."
t0=$SECONDS
"${PSQL[@]}" <<SQL
UPDATE archive_policies SET archive_after_days = $DAYS WHERE table_name = 'scenario_logs';
INSERT INTO scenarios (name, region, pipeline, owner_id)
SELECT 'archive benchmark ' || g, 'us-east-1', (SELECT pipeline FROM scenarios WHERE id = '$ID'), '$OWNER'
FROM generate_series(1, 99) g;
CREATE TEMP TABLE s AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM scenarios;
SELECT mockupaws_ensure_monthly_partitions('scenario_logs', (now() - interval '16 months')::date, now()::date);
-- events: (month start, span, count) per set; 1 in 100 is the benchmark scenario's
CREATE TEMP TABLE sets (starts timestamptz, span interval, n bigint);
INSERT INTO sets VALUES
  (date_trunc('month', now() - interval '15 months'), interval '1 month', $PER_MONTH),
  (date_trunc('month', now() - interval '14 months'), interval '1 month', $PER_MONTH),
  (date_trunc('month', now() - interval '13 months'), interval '14 days', $ROW_BY_ROW),
  (date_trunc('month', now() - interval '13 months') + interval '14 days', interval '14 days', $ROW_BY_ROW / 4),
  (date_trunc('day', now() - interval '30 days'), interval '30 days', $PER_MONTH);
INSERT INTO scenario_logs (scenario_id, received_at, source, message_hash, preview, size_bytes, sqs_blocks, token_count,
                           char_count, pii_types, has_pii)
SELECT (SELECT id FROM s WHERE s.n = g % 100), sets.starts + sets.span * (g::float8 / sets.n),
       'web-' || (g % 16), sha256(int8send(g)),
       'GET /api/orders/' || g || ' status=' || (200 + g % 5) || ' trace=' || md5(g::text) || ' bytes=' || (g % 90000),
       200 + g % 900, 1, 20 + g % 80, 150 + g % 100,
       CASE WHEN g % 8 = 0 THEN ARRAY['email'] ELSE '{}' END, g % 8 = 0
FROM sets, generate_series(1, sets.n) g;
-- metrics: 10 scenarios × 60 days × 1440 minutes, 800 days ago; the benchmark scenario's last 30 days
INSERT INTO scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests, input_tokens, chars,
                              pii_events, pii_email)
SELECT (SELECT id FROM s WHERE s.n = k), m, 0, e, e * 420, e, ARRAY(SELECT (e + b - 1) / b FROM generate_series(1, 10) b),
       e * 95, e * 400, e / 40, e / 40
FROM generate_series(0, 9) k,
     generate_series(date_trunc('day', now() - interval '800 days'), date_trunc('day', now() - interval '740 days')
                     - interval '1 minute', interval '1 minute') m,
     LATERAL (SELECT 5 + (extract(epoch FROM m)::bigint + k) % 20 AS e) x;
INSERT INTO scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests, input_tokens, chars,
                              pii_events, pii_email)
SELECT '$ID', m, 0, e, e * 420, e, ARRAY(SELECT (e + b - 1) / b FROM generate_series(1, 10) b), e * 95, e * 400, e / 40, e / 40
FROM generate_series(date_trunc('day', now() - interval '30 days'), date_trunc('minute', now()) - interval '10 minutes',
                     interval '1 minute') m, LATERAL (SELECT 5 + extract(epoch FROM m)::bigint % 20 AS e) x;
VACUUM ANALYZE;
SQL
if [ "${LIVE_INDEX:-1}" = 1 ]; then
  "${PSQL[@]}" -c "CREATE INDEX IF NOT EXISTS bench_scenario_logs_scenario ON scenario_logs (scenario_id, received_at)"
fi
echo "seeded in $((SECONDS - t0)) s: $("${PSQL[@]}" -c "SELECT count(*) FROM scenario_logs") events, $("${PSQL[@]}" -c "SELECT count(*) FROM scenario_metrics") metric rows"

sizes() {
  "${PSQL[@]}" -F ' ' <<'SQL' | while read -r name bytes; do printf '  %-26s %10.1f MB\n' "$name" "$(echo "scale=1; $bytes / 1000000" | bc)"; done
SELECT t, sum(pg_total_relation_size(relid)) FROM
  (VALUES ('scenario_logs'), ('scenario_logs_archive'), ('scenario_metrics'), ('scenario_metrics_hourly'),
          ('scenario_metrics_archive')) v(t),
  LATERAL (SELECT relid FROM pg_partition_tree(t::regclass) WHERE isleaf
           UNION ALL SELECT t::regclass WHERE NOT EXISTS (SELECT 1 FROM pg_partition_tree(t::regclass))) p
GROUP BY t ORDER BY t;
SELECT 'database', pg_database_size('mockupaws');
SQL
}
# the listing's SQL through the view and straight on the live table, same plan shape: the view's cost on the live path
sql_latency() { # label
  for target in v_scenario_logs_all scenario_logs; do
    best=999999
    for _ in 1 2 3 4 5; do
      ms=$("${PSQL[@]}" -c "EXPLAIN (ANALYZE, FORMAT JSON) SELECT id, received_at, preview FROM $target
             WHERE scenario_id = '$ID' ORDER BY received_at DESC, id DESC LIMIT 101" | grep -oE '"Execution Time": [0-9.]+' | grep -oE '[0-9.]+$')
      best=$(echo "if ($ms < $best) $ms else $best" | bc)
    done
    echo "  $1: newest 101 events of the scenario from $target: best of 5 $best ms"
  done
}
latency() { # label
  sql_latency "$1"
  load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/logs?limit=100" --concurrency 1 \
       --duration "$S" --label "$1: GET /logs (newest 100 of the scenario), 1 connection"
  load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/logs?limit=100&sort_by=size_bytes&from=$(date -u -d '-7 days' +%F)" \
       --concurrency 1 --duration "$S" --label "$1: GET /logs (largest of the last 7 days), 1 connection"
  load --header "Authorization: Bearer $TOKEN" --url "$BASE/api/v1/scenarios/$ID/metrics?from=$(date -u -d '-30 days' +%F)" \
       --concurrency 1 --duration "$S" --label "$1: GET /metrics (last 30 days, hourly), 1 connection"
}

echo "sizes before:"; sizes
latency "before"

echo "--- dry run"; jar archive --dry-run
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- archive --logs --batch-size $BATCH"
jar archive --logs --batch-size "$BATCH" 2>&1 | grep -E "Archiv|Moved|Dropped|logs |error|Building" | sed -E 's/^.*(LogArchiver|ArchiveService) *: //'
echo "--- archive --metrics --batch-size $BATCH"
jar archive --metrics --batch-size "$BATCH" 2>&1 | grep -E "Archiving run|metrics |error|Aggregated" | sed -E "s/^.*(MetricArchiver|ArchiveService) *: //"
echo "row-by-row part of the logs job (the straddled month): $("${PSQL[@]}" -c "
  SELECT count(*) FROM scenario_logs_archive WHERE received_at >= date_trunc('month', now() - interval '13 months')") rows"

"${PSQL[@]}" -c "VACUUM ANALYZE"
echo "sizes after:"; sizes
latency "after"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
