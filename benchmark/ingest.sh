#!/usr/bin/env bash
# Ingest throughput, with the app's heap capped at 512 MB; the load tool runs in its own JVM.
#  1. NDJSON batches of 1,000 events of ~300 bytes (realistic log lines, ~1 in 8 with PII)
#  2. single-event JSON requests at 64 concurrent connections
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
python3 - "$batch" "$single" <<'PY'
import json, random, sys
random.seed(7)
paths = ["/api/cart", "/api/checkout", "/api/orders/%d", "/health", "/api/users/%d/profile", "/static/app.%d.js"]
def line(i):
    p = random.choice(paths)
    p = p % random.randint(1000, 99999) if "%d" in p else p
    msg = (f"2026-11-24T10:{i%60:02d}:{i%60:02d}.{i%1000:03d}Z INFO [http-nio-8080-exec-{i%32}] c.e.shop.web.RequestLog - "
           f"method=GET path={p} status={random.choice([200,200,200,201,304,404,500])} duration_ms={random.randint(1,900)} "
           f"trace_id={random.getrandbits(64):016x} user_agent=\"Mozilla/5.0 (X11; Linux x86_64)\" bytes={random.randint(100,90000)}")
    if i % 8 == 0:
        msg += f" customer=jane.doe{i}@example.com ip=203.0.113.{i%250}"
    return {"@timestamp": "2026-11-24T10:00:00Z", "message": msg, "host": {"name": f"web-{i%6:02d}"}}
events = [line(i) for i in range(1000)]
with open(sys.argv[1], "w") as f:
    for e in events: f.write(json.dumps(e) + "\n")
with open(sys.argv[2], "w") as f:
    json.dump(events[3], f)
print("average event message bytes:", sum(len(e["message"]) for e in events) // len(events))
PY
load --url "$BASE/ingest" --method POST --body-file "$batch" --header "Content-Type: application/x-ndjson" \
     --header "X-Scenario-ID: $id" --header "X-API-Key: $INGEST_KEY" --concurrency "$C" --warmup 5 --duration "$S" --label "NDJSON batches of 1000 events (x1000 = events/s)"
load --url "$BASE/ingest" --method POST --body-file "$single" --header "Content-Type: application/json" \
     --header "X-Scenario-ID: $id" --header "X-API-Key: $INGEST_KEY" --concurrency 64 --warmup 5 --duration "$S" --label "single-event requests, 64 connections"
curl -fs -XPOST "$BASE/flush" -H "X-Scenario-ID: $id" -H "X-API-Key: $INGEST_KEY"; echo
grep -E 'OutOfMemory' target/benchmark-app.log && { echo "heap exhausted at -Xmx512m"; exit 1; } || echo "no OutOfMemoryError at -Xmx512m"
