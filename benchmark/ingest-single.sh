#!/usr/bin/env bash
# Single-event ingest: one ~300-byte JSON event per POST /ingest (X-Scenario-ID + X-API-Key), 64 connections kept
# busy by wrk (2 threads, closed loop) on the same machine as the app and its embedded PostgreSQL.
# Prints, per run: requests/s, latency p50/p90/p99/max, non-2xx answers, the load average, and the app's heap —
# the most it held before any collection (from its GC log, so no peak between two samples is missed) against its
# -Xmx — and the GC pauses; then the CPU time per request of the app, PostgreSQL and wrk (what the 2 cores are
# spent on, whatever else runs on the machine). Ends with the scenario's committed totals, which count every
# answered request (and the warm-up's, and those cut off when wrk stops).
#
# Usage: benchmark/ingest-single.sh [seconds=30] [runs=3] [connections=64] [warmup-seconds=60]
#   APP_JAVA_OPTS   the app's JVM flags (default: the recommended -Xms512m -Xmx512m, G1; e.g. add -XX:+UseParallelGC)
#   WRK_THREADS     wrk threads (2)
#   BATCH=1         post the 1,000-event NDJSON batch instead (events/s = req/s x 1000; try 4 connections)
#   PACE_MS=12.5    paced instead of closed loop: each connection waits this long (mean, ms) after an answer before it
#                   sends again, so 64 connections offer about 64 / (PACE_MS + latency) requests per ms — a fixed,
#                   sub-saturation load (what a fleet of shippers sends), where the closed loop measures saturation
#   JFR=1           record a Java Flight Recording of the last run into target/benchmark-ingest-single.jfr
# Needs wrk and GNU time (Debian: apt-get install -y wrk time).
. "$(dirname "$0")/lib.sh"
S=${1:-30}; RUNS=${2:-3}; C=${3:-64}; W=${4:-60}
T=${WRK_THREADS:-2}
command -v wrk > /dev/null && [ -x /usr/bin/time ] || { echo "needs wrk and GNU time: apt-get install -y wrk time" >&2; exit 1; }
build
GC_LOG=$ROOT/target/benchmark-gc.log
rm -f "$GC_LOG"
OPTS=${APP_JAVA_OPTS:--Xms512m -Xmx512m}
APP_JAVA_OPTS="$OPTS -Xlog:gc:file=$GC_LOG" start_app
sign_in
machine
echo "app JVM flags: $OPTS"
id=$(curl -fs -XPOST "$BASE/api/v1/scenarios" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d '{"name":"single-event ingest benchmark"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
curl -fs -XPOST "$BASE/api/v1/scenarios/$id/start" -H "Authorization: Bearer $TOKEN" > /dev/null
batch=$(mktemp); single=$(mktemp); lua=$(mktemp --suffix=.lua)
event_files "$batch" "$single"
body=$single; type=application/json
[ "${BATCH:-0}" = 1 ] && { body=$batch; type=application/x-ndjson; }
echo "request body: $(wc -c < "$body") bytes, $type"
cat > "$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "$type"
wrk.headers["X-Scenario-ID"] = "$id"
wrk.headers["X-API-Key"] = "$INGEST_KEY"
local f = assert(io.open("$body", "rb"))
wrk.body = f:read("*a")
f:close()
LUA
if [ -n "${PACE_MS:-}" ]; then
  # wrk's delay() is in whole milliseconds: round the mean up or down at random so it averages PACE_MS
  cat >> "$lua" <<LUA
local pace = $PACE_MS
local base = math.floor(pace)
local frac = pace - base
function delay()
  if math.random() < frac then return base + 1 end
  return base
end
LUA
  echo "paced: each connection waits ${PACE_MS} ms (mean) after an answer"
fi

# From the GC log lines written after line $1: the largest heap occupancy before a collection and the largest heap
# size ("... 301M->42M(512M) ..." for G1 and Parallel, "... 301M(59%)->42M(8%) ..." for ZGC), and the pauses.
heap_peak() {
  tail -n +"$(( $1 + 1 ))" "$GC_LOG" | awk '
    { if (match($0, /[0-9]+M(\([0-9]+%\))?->[0-9]+M/)) { b = substr($0, RSTART, RLENGTH); sub(/M.*/, "", b); if (b + 0 > p) p = b + 0 }
      if (match($0, /->[0-9]+M(\([0-9]+%\))?\([0-9]+M\)/)) { c = substr($0, RSTART, RLENGTH); sub(/.*\(/, "", c); sub(/M\)/, "", c); if (c + 0 > m) m = c + 0 }
      if ($0 ~ /Pause/ && match($0, /[0-9.]+ms$/)) { d = substr($0, RSTART, RLENGTH - 2) + 0; n++; t += d; if (d > x) x = d } }
    END { printf "%d MB before a collection (heap size up to %s); %d GC pauses, longest %.1f ms, %.0f ms in all", p, (m ? m " MB" : "-Xmx"), n, x, t }'
}

# CPU seconds used so far by the app and by the embedded PostgreSQL (postmaster, its live backends and those it
# has reaped). Per request, these show where the machine's 2 cores go whatever else runs on it.
cpu_seconds() {
  local pg pgs app t
  app=$(sed 's/.*) //' "/proc/$APP_PID/stat" | awk '{print $12 + $13}')
  pg=$(head -1 "$BENCH_DATA/pg/postmaster.pid")
  pgs=$(sed 's/.*) //' "/proc/$pg/stat" | awk '{print $12 + $13 + $14 + $15}')
  for c in $(ps -o pid= --ppid "$pg"); do
    t=$(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{print $12 + $13}'); pgs=$(( pgs + ${t:-0} ))
  done
  echo "$app $pgs"
}
TICKS=$(getconf CLK_TCK)

echo "warm-up: ${W}s"
wrk -t"$T" -c"$C" -d"${W}s" -s "$lua" "$BASE/ingest" > /dev/null
for run in $(seq 1 "$RUNS"); do
  gc_from=$(wc -l < "$GC_LOG")
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ "${JFR:-0}" = 1 ] && [ "$run" = "$RUNS" ]; then
    "${JAVA%java}jcmd" "$APP_PID" JFR.start name=single settings=profile filename="$ROOT/target/benchmark-ingest-single.jfr" > /dev/null
  fi
  cpu_before=$(cpu_seconds)
  out=$(/usr/bin/time -f '%U %S' -o "$ROOT/target/benchmark-wrk-cpu" wrk -t"$T" -c"$C" -d"${S}s" --latency -s "$lua" "$BASE/ingest")
  cpu_after=$(cpu_seconds)
  echo "$out" > "$ROOT/target/benchmark-wrk-run$run.txt"
  if [ "${JFR:-0}" = 1 ] && [ "$run" = "$RUNS" ]; then "${JAVA%java}jcmd" "$APP_PID" JFR.stop name=single > /dev/null; fi
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1=="50%" {print $2}' <<< "$out"); p90=$(awk '$1=="90%" {print $2}' <<< "$out")
  p99=$(awk '$1=="99%" {print $2}' <<< "$out"); max=$(awk '$1=="Latency" {print $4}' <<< "$out")
  bad=$(awk '/Non-2xx/ {print $NF}' <<< "$out"); errors=$(grep -E '^ *Socket errors' <<< "$out" || true)
  total=$(awk '/requests in/ {print $1}' <<< "$out")
  cpu=$(echo "$cpu_before $cpu_after $(cat "$ROOT/target/benchmark-wrk-cpu") $total $TICKS" | awk '{
        app = ($3 - $1) / $8 * 1e6 / $7; pg = ($4 - $2) / $8 * 1e6 / $7; wrk = ($5 + $6) * 1e6 / $7; t = app + pg + wrk
        printf "CPU per request: app %.0f us, PostgreSQL %.0f us, wrk %.0f us = %.0f us (2 cores alone: at most %.0f req/s)", app, pg, wrk, t, 2e6 / t }')
  echo "run $run: ${C} connections, ${S}s: $rps req/s, p50 $p50, p90 $p90, p99 $p99, max $max," \
       "non-2xx ${bad:-0}${errors:+, $errors}; load average $before before, $after after; heap $(heap_peak "$gc_from")"
  echo "       $cpu"
done
echo "heap over the whole process life (start-up included): $(heap_peak 0)"
grep -qE 'OutOfMemory' target/benchmark-app.log && { echo "heap exhausted"; exit 1; }
echo "scenario totals (every answered request is counted): $(curl -fs -XPOST "$BASE/flush" -H "X-Scenario-ID: $id" -H "X-API-Key: $INGEST_KEY")"
