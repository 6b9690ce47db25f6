#!/usr/bin/env bash
# GET /api/v1/scenarios latency with 10,000 scenarios; the load tool runs in its own JVM.
# Usage: benchmark/scenario-list.sh [scenarios=10000] [concurrency=8] [seconds=30]
. "$(dirname "$0")/lib.sh"
N=${1:-10000}; C=${2:-8}; S=${3:-30}
build
start_app
sign_in
machine
body=$(mktemp)
echo '{"name":"bench scenario","description":"seeded for the list benchmark","region":"eu-west-1","tags":["bench","team-a"]}' > "$body"
load --url "$BASE/api/v1/scenarios" --method POST --body-file "$body" --header "Content-Type: application/json" \
     --header "Authorization: Bearer $TOKEN" --concurrency 8 --requests "$N" --label "seed $N scenarios (POST)"
load --url "$BASE/api/v1/scenarios" --header "Authorization: Bearer $TOKEN" --concurrency "$C" --duration "$S" --label "list, default page (20, newest first)"
load --url "$BASE/api/v1/scenarios?status=draft&region=eu-west-1&tag=bench&sort_by=name&sort_order=asc&page=3&page_size=50" \
     --header "Authorization: Bearer $TOKEN" --concurrency "$C" --duration "$S" --label "list, filtered + sorted by name, page 3 of 50"
load --url "$BASE/api/v1/scenarios?search=seeded&page=10" --header "Authorization: Bearer $TOKEN" --concurrency "$C" --duration "$S" --label "list, search"
