#!/usr/bin/env bash
# Dashboard benchmark: each /ui/ page through nginx to the pool on the 100k issues of
# bench/seed-issues.sql (anomalies from the harvest's pass, 200 harvest runs with errors, and
# bench/seed-deliveries.sql's year of deployments for the delivery page),
# signed in with a session cookie, 8 connections (BENCH_CONNECTIONS) on 2 workers
# (BENCH_WORKERS), 10 s a page; and each page's weight (HTML + stylesheet + script), as stored
# and as sent compressed.
# Goals: p99 < 100 ms every page, but the hierarchy of one Product Version (≈ 2,000 issues at
# 100k; its children shown, and with four of them opened): p99 < 300 ms; weight < 100 kB.
# The team page is measured by bench/team.sh, whose data has the interactions this one lacks.
# Needs release binaries (make release).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
root=$(pwd)
bin=$root/.build/release
workers=${BENCH_WORKERS:-2} connections=${BENCH_CONNECTIONS:-8} duration=${BENCH_DURATION:-10s}
issues=${BENCH_ISSUES:-100000}
for tool in wrk nginx curl python3; do command -v $tool >/dev/null || { echo "bench/ui.sh: $tool is missing (make deps)" >&2; exit 1; }; done
[ -x "$bin/worksupport-api" ] || { echo "bench/ui.sh: $bin/worksupport-api not built (make release)" >&2; exit 1; }
bench_scratch ui
bench_database ui
psql "$db_url" -q -v n="$issues" -f bench/seed-issues.sql >/dev/null
# Anomalies to triage (as bench/releases.sh) and an audit log with errors to list.
psql "$db_url" -q <<'SQL'
UPDATE issues SET issue_type_id = -1 WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1000, 100000, 97) g);
UPDATE issues SET assignee = 'outsider', assignee_member_id = NULL WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1003, 100000, 101) g);
UPDATE issues SET updated_at = now() - interval '60 days' WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1004, 100000, 103) g);
INSERT INTO harvest_runs (kind, trigger, status, started_at, finished_at, fetched, inserted, updated, cursors)
SELECT 'scheduled', 'timer', CASE WHEN g % 10 = 0 THEN 'partial' ELSE 'completed' END,
       now() - (g * interval '2 hours'), now() - (g * interval '2 hours') + interval '4 minutes', 1000, 10, 990,
       '{"jira": "2026-01-01T00:00:00Z", "github": "2026-01-01T00:00:00Z"}'
FROM generate_series(1, 200) g;
INSERT INTO harvest_errors (run_id, source, item_key, reason, http_status)
SELECT r.id, 'jira', 'BENCH-' || e, 'HTTP 500 from /rest/api/3/search/jql', 500
FROM harvest_runs r, generate_series(1, 20) e WHERE r.status = 'partial';
VACUUM ANALYZE issues;
SQL
"$bin/worksupport" anomalies --run-pass --limit 1 --config "$dir/ws.properties" >/dev/null
# The delivery page's data: bench/dora.sh's year of 5,000 deployments and 20,000 pull requests.
psql "$db_url" -q -v repo=bench-org/shop -v n="${BENCH_DEPLOYMENTS:-5000}" -v p="${BENCH_PULLS:-20000}" -f bench/seed-deliveries.sql
psql "$db_url" -qc "VACUUM ANALYZE"
key=$("$bin/worksupport" apikey create --name bench --config "$dir/ws.properties" | tail -n 1)
read -r run_id anomaly_id < <(psql "$db_url" -Atc "
    SELECT (SELECT max(id) FROM harvest_runs WHERE status = 'partial'), (SELECT min(id) FROM anomalies)" | tr '|' ' ')
# The 50th open anomaly, newest first: where the open list's second page starts.
page_two=$(psql "$db_url" -Atc "SELECT id FROM anomalies WHERE resolved_at IS NULL AND acknowledged_at IS NULL
    ORDER BY last_seen DESC, id DESC OFFSET 49 LIMIT 1")
# Four of BENCH-1's features opened in its tree: the heaviest page it has by default.
opens=$(psql "$db_url" -Atc "SELECT string_agg('&open=' || issue_key, '' ORDER BY issue_key COLLATE \"C\")
    FROM (SELECT issue_key FROM issues WHERE parent_key = 'BENCH-1' ORDER BY issue_key COLLATE \"C\" LIMIT 4) f")

port=18493
start_pool_behind_nginx "$port" "$workers"
base="http://127.0.0.1:$port"

# Sign in as a browser does: the login form's token (cookie and field), then the key.
jar="$dir/cookies"
form_token=$(curl -fs -c "$jar" "$base/ui/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$form_token" --data-urlencode "api_key=$key" "$base/ui/login"
session=$(awk '$6 == "ws_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "bench/ui.sh: login failed" >&2; tail "$dir/pool.log" >&2; exit 1; }

# Weight as stored and as sent (nginx compresses the dashboard's pages and files for browsers).
sent() { curl -fs --compressed -o /dev/null -w '%{size_download}' "$@"; }
assets=$(( $(curl -fs "$base/ui/assets/dashboard.css" | wc -c) + $(curl -fs "$base/ui/assets/dashboard.js" | wc -c) ))
assets_sent=$(( $(sent "$base/ui/assets/dashboard.css") + $(sent "$base/ui/assets/dashboard.js") ))
nodes=$(curl -fs -H "X-API-Key: $key" "$base/api/issues/hierarchy?root_key=BENCH-1&max_depth=10" \
    | python3 -c 'import json,sys
def n(xs): return sum(1 + n(x.get("children", [])) for x in xs)
print(n(json.load(sys.stdin)["hierarchy"]))')

page() {  # NAME PATH GOAL_MS
    local name=$1 path=$2 goal=$3 bytes bytes_sent
    bytes=$(curl -fs -b "ws_session=$session" "$base$path" | wc -c) \
        || { echo "bench/ui.sh: GET $path failed" >&2; tail "$dir/pool.log" >&2; exit 1; }
    bytes_sent=$(sent -b "ws_session=$session" "$base$path")
    cat > "$dir/page.lua" <<LUA
request = function() return wrk.format("GET", "$path", { ["Cookie"] = "ws_session=$session" }) end
LUA
    wrk -t1 -c2 -d1s -s "$dir/page.lua" "$base" >/dev/null   # warm-up
    wrk -t2 -c"$connections" -d"$duration" --latency -s "$dir/page.lua" "$base" > "$dir/wrk.out"
    read -r rps p99 < <(wrk_figures "$dir/wrk.out")
    p50=$(awk '$1 == "50%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$dir/wrk.out")
    echo "ui_page page=$name connections=$connections workers=$workers req_per_s=$rps p50_ms=$p50 p99_ms=$p99 goal_p99_ms=$goal weight_bytes=$((bytes + assets)) sent_bytes=$((bytes_sent + assets_sent)) goal_weight_bytes=100000"
}
. bench/wrk-output.sh
page overview "/ui/" 100
page runs "/ui/runs" 100
page run "/ui/runs/$run_id" 100
page anomalies "/ui/anomalies" 100
page anomalies_all "/ui/anomalies?status=all" 100
page anomalies_page_2 "/ui/anomalies?status=open&after=$page_two" 100
page anomaly "/ui/anomalies/$anomaly_id" 100
page hierarchy_roots "/ui/hierarchy" 100
page "hierarchy_${nodes}_nodes" "/ui/hierarchy?root_key=BENCH-1" 300
page "hierarchy_${nodes}_nodes_4_open" "/ui/hierarchy?root_key=BENCH-1$opens" 300
page issue "/ui/issues/BENCH-51" 100
page flow "/ui/flow" 100
page delivery "/ui/delivery?repo=bench-org/shop" 100
