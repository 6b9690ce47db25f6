#!/usr/bin/env bash
# Backup and restore figures, on the packaged jar with its embedded PostgreSQL and WAL archiving on:
#  1. generate ~N GB of events (scenario_logs over 4 monthly partitions) with SQL on the server
#  2. backup full, restore it (logical, --jobs 4) into a new database, backup base, point-in-time restore
#     into a new data directory: seconds and MB/s of database size
#  3. RPO under steady writes (a commit every 200 ms): commit -> its WAL segment in the store
# Usage: benchmark/backup.sh [gigabytes=1] [rpo-minutes=5]
. "$(dirname "$0")/lib.sh"
GB=${1:-1}; RPO_MINUTES=${2:-5}
build
start_app
sign_in # every scenario has an owner
machine
PG_PORT=$(sed -n 4p "$BENCH_DATA/pg/postmaster.pid")
export PGPASSWORD; PGPASSWORD=$(cat "$BENCH_DATA/pg-superuser-password")
PSQL=(/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d mockupaws -v ON_ERROR_STOP=1 -qAt)
jar() { MOCKUPAWS_DATA_DIR="$BENCH_DATA" "$JAVA" -jar target/mockupaws.jar "$@"; }
now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc; }
# The archiver works through the backlog one segment at a time; measure only once it has caught up.
await_archiver() {
  for _ in $(seq 1 1800); do
    ready=$(find "$BENCH_DATA/pg/pg_wal/archive_status" -name '*.ready' 2>/dev/null | wc -l)
    [ "$ready" -eq 0 ] && return 0
    sleep 1
  done
  echo "archiver did not catch up" >&2; exit 1
}

rows=$((GB * 3300000))
echo "generating ~${GB} GB ($rows events)..."
t0=$(now)
"${PSQL[@]}" <<SQL
INSERT INTO scenarios (owner_id, name, region, pipeline, status, started_at)
SELECT (SELECT id FROM users WHERE email = 'bench@example.com'), 'benchmark ' || g, 'eu-west-1', '{}', 'running', now()
FROM generate_series(1, 100) g;
INSERT INTO scenario_logs (scenario_id, received_at, source, message_hash, preview, size_bytes, sqs_blocks, token_count,
                           char_count, pii_types, has_pii)
SELECT (SELECT id FROM scenarios ORDER BY name OFFSET (g % 100) LIMIT 1),
       date_trunc('month', now()) + make_interval(months => g % 4, secs => g % 2000000),
       'web-' || (g % 16), sha256(int8send(g)),
       'GET /api/orders/' || g || ' status=' || (200 + g % 5) || ' trace=' || md5(g::text) || ' ua="Mozilla/5.0 (X11; Linux x86_64)" bytes=' || (g % 90000),
       200 + g % 900, 1, 20 + g % 80, 150 + g % 100,
       CASE WHEN g % 8 = 0 THEN ARRAY['email'] ELSE '{}' END, g % 8 = 0
FROM generate_series(1, $rows) g;
ANALYZE;
SQL
db_bytes=$("${PSQL[@]}" -c "SELECT pg_database_size('mockupaws')")
db_mb=$(echo "scale=1; $db_bytes / 1000000" | bc)
echo "generated ${db_mb} MB in $(seconds "$t0" "$(now)") s; waiting for the WAL archiver to catch up..."
t0=$(now); await_archiver; echo "archiver caught up after $(seconds "$t0" "$(now)") s more"

report() { # label seconds
  printf '%-44s %7.1f s  %7.1f MB/s of database\n' "$1" "$2" "$(echo "scale=2; $db_mb / $2" | bc)"
}
inner() { grep -oE "$1" | grep -oE '[0-9]+\.[0-9]+' | head -1; }

out=$(jar backup full); echo "$out" | head -2
report "backup full (pg_dump -Fc -Z1, encrypt, store)" "$(echo "$out" | inner 'completed in [0-9.]+ s')"
out=$(jar restore latest --target-db bench_restored --jobs 4); echo "$out" | grep -E '^Restored|pg_restore|downloaded|validated'
report "restore full, logical, --jobs 4 (RTO)" "$(echo "$out" | inner 'in [0-9.]+ s$')"
"${PSQL[@]}" -c "DROP DATABASE bench_restored"
out=$(jar backup base); echo "$out" | head -2
report "backup base (pg_basebackup -Ft -z1)" "$(echo "$out" | inner 'completed in [0-9.]+ s')"
"${PSQL[@]}" -c "INSERT INTO scenarios (owner_id, name, region, pipeline) SELECT id, 'after the base backup', 'us-east-1', '{}' FROM users WHERE email = 'bench@example.com'; SELECT pg_switch_wal()" > /dev/null
await_archiver
rm -rf "$BENCH_DATA-pitr"
out=$(jar restore latest --target-dir "$BENCH_DATA-pitr"); echo "$out" | grep -E '^Restored|unpacked|recovered|validated'
report "restore base + WAL, point in time (RTO)" "$(echo "$out" | inner 'in [0-9.]+ s$')"
rm -rf "$BENCH_DATA-pitr"

echo "RPO under steady writes for ${RPO_MINUTES} min (archive_timeout 60 s)..."
"$JAVA" -cp "target/test-classes:$(cat target/benchmark.classpath)" io.mockupaws.benchmark.WalArchiveLag \
  --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/mockupaws" --user postgres --password "$PGPASSWORD" \
  --wal-dir "$BENCH_DATA/objects/wal" --minutes "$RPO_MINUTES"
