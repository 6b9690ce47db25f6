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
  MOCKUPAWS_DATA_DIR="$BENCH_DATA" PORT=$BENCH_PORT "$JAVA" ${APP_JAVA_OPTS:-} -jar target/mockupaws.jar "$@" > target/benchmark-app.log 2>&1 &
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

load() {
  "$JAVA" -cp "target/test-classes:$(cat target/benchmark.classpath)" io.mockupaws.benchmark.HttpLoad "$@"
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $("$JAVA" -version 2>&1 | head -1)"
}
