# Shared helpers of the benchmark scripts: build, start the jar on a fresh data dir, run the load tool in its own JVM.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BENCH_PORT=${BENCH_PORT:-18181}
BENCH_DATA=${BENCH_DATA:-$ROOT/target/benchmark-data}
BASE="http://127.0.0.1:$BENCH_PORT"

build() {
  if [ ! -f target/mockupaws.jar ] || [ ! -d target/test-classes/io/mockupaws/benchmark ]; then
    ./mvnw -B -q -DskipTests package test-compile
  fi
  if [ ! -f target/benchmark.classpath ]; then
    ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
  fi
  . .mvn/select-jdk.sh
  JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
}

start_app() {
  rm -rf "$BENCH_DATA"
  # The load tool is one user at thousands of requests per second: lift the per-user tier limit for the benchmark.
  MOCKUPAWS_RATE_LIMIT_FREE=${MOCKUPAWS_RATE_LIMIT_FREE:-1000000000} \
  MOCKUPAWS_DATA_DIR="$BENCH_DATA" PORT=$BENCH_PORT "$JAVA" ${APP_JAVA_OPTS:-} -jar "${BENCH_JAR:-target/mockupaws.jar}" "$@" > target/benchmark-app.log 2>&1 &
  APP_PID=$!
  trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do
    curl -fs "$BASE/api/v1/health" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "app did not start; see target/benchmark-app.log" >&2
  exit 1
}

# Signs up a benchmark user and sets TOKEN (a bearer access token) and INGEST_KEY (an API key with scope ingest).
sign_in() {
  local body='{"email":"bench@example.com","password":"benchmark-password-1"}'
  curl -fs -XPOST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' -d "$body" > /dev/null
  TOKEN=$(curl -fs -XPOST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d "$body" \
          | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  INGEST_KEY=$(curl -fs -XPOST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
               -d '{"name":"benchmark shipper","scopes":["ingest"]}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
}

# Writes realistic log events: NDJSON of 1,000 events of ~300 bytes (~1 in 8 with PII) to $1, and one of them as a
# JSON object to $2.
event_files() {
python3 - "$1" "$2" <<'PY'
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
}

load() {
  "$JAVA" -cp "target/test-classes:$(cat target/benchmark.classpath)" io.mockupaws.benchmark.HttpLoad "$@"
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $("$JAVA" -version 2>&1 | head -1)"
}
