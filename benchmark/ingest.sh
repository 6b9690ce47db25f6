#!/usr/bin/env bash
# Ingest throughput of batches, with the app's heap capped at 512 MB; the load tool runs in its own JVM:
# NDJSON batches of 1,000 events of ~300 bytes (realistic log lines, ~1 in 8 with PII).
# Single-event requests at 64 connections: benchmark/ingest-single.sh (wrk, latency, heap, CPU per request).
# Usage: benchmark/ingest.sh [seconds=30] [batch-connections=4]
. "$(dirname "$0")/lib.sh"
S=${1:-30}; C=${2:-4}
build
APP_JAVA_OPTS="-Xmx512m" start_app
sign_in
machine
id=$(curl -fs -XPOST "$BASE/api/v1/scenarios" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d '{"name":"ingest benchmark"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
curl -fs -XPOST "$BASE/api/v1/scenarios/$id/start" -H "Authorization: Bearer $TOKEN" > /dev/null
batch=$(mktemp); single=$(mktemp)
event_files "$batch" "$single"
load --url "$BASE/ingest" --method POST --body-file "$batch" --header "Content-Type: application/x-ndjson" \
     --header "X-Scenario-ID: $id" --header "X-API-Key: $INGEST_KEY" --concurrency "$C" --warmup 5 --duration "$S" --label "NDJSON batches of 1000 events (x1000 = events/s)"
curl -fs -XPOST "$BASE/flush" -H "X-Scenario-ID: $id" -H "X-API-Key: $INGEST_KEY"; echo
grep -E 'OutOfMemory' target/benchmark-app.log && { echo "heap exhausted at -Xmx512m"; exit 1; } || echo "no OutOfMemoryError at -Xmx512m"
