#!/usr/bin/env bash
# Flow benchmark (issue 20): the status histories of 100k Jira issues (BENCH_FLOW_ISSUES) served by
# worksupport-sim, 15 status transitions an issue on average (BENCH_FLOW_REVIEW_LOOPS extra review
# loops in every started issue's history), harvested into a private PostgreSQL.
#   1. Transition rows written per second by the harvest's changelog writes (rows, history marks
#      and stale marks in one transaction per 1000 issues; the harvester's own `write_seconds`)
#      against COPY of the same rows into the same table in the same run. Goal ≥ 60 %. The flow
#      figures' refresh after each write (`refresh_seconds`) is reported beside it, and the ratio
#      of write and refresh together.
#   2. GET /api/flow over those issues through nginx, 2 workers (BENCH_WORKERS), 8 connections
#      (BENCH_CONNECTIONS), 10 s. Goal p99 < 200 ms. Also with a 90-day window and one assignee.
#   3. /ui/flow (signed in) the same way. Goals p99 < 100 ms, weight < 100 kB.
# Needs release binaries (make release), wrk, nginx, curl, python3. Run it alone: the machine's
# other work shows in every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
. bench/wrk-output.sh
root=$(pwd)
bin=$root/.build/release
workers=${BENCH_WORKERS:-2} connections=${BENCH_CONNECTIONS:-8} duration=${BENCH_DURATION:-10s}
issues=${BENCH_FLOW_ISSUES:-100000} loops=${BENCH_FLOW_REVIEW_LOOPS:-10}
for tool in wrk nginx curl python3; do command -v $tool >/dev/null || { echo "bench/flow.sh: $tool is missing (make deps)" >&2; exit 1; }; done
for binary in worksupport worksupport-api worksupport-harvest worksupport-sim; do
    [ -x "$bin/$binary" ] || { echo "bench/flow.sh: $bin/$binary not built (make release)" >&2; exit 1; }
done
bench_scratch flow
sim_pid=""
trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; bench_cleanup' EXIT
bench_database flow
export JIRA_API_TOKEN=sim-jira-token GITHUB_TOKEN=sim-github-token

sim_port=$((18700 + RANDOM % 200))
"$bin/worksupport-sim" generate --issues "$issues" --members 20 --seed 11 --review-loops "$loops" --out "$dir/sim" \
    --base-url "http://127.0.0.1:$sim_port" >/dev/null
"$bin/worksupport-sim" serve --data "$dir/sim" --port "$sim_port" >/dev/null 2>&1 &
sim_pid=$!
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$sim_port/_sim/status" >/dev/null && break; sleep 0.1; done

# The full Jira harvest: issues, then every history through bulkfetch (1000 issues a call).
start=$(date +%s.%N)
WORKSUPPORT_DATABASE_URL=$db_url "$bin/worksupport-harvest" --config "$dir/sim/worksupport.properties" --full --source jira \
    --progress never 2>"$dir/harvest.log" || { echo "bench/flow.sh: the harvest failed" >&2; tail "$dir/harvest.log" >&2; exit 1; }
harvest_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
changelog=$(grep ' event=changelog ' "$dir/harvest.log" | tail -n 1)
field() { echo "$changelog" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
inserted=$(field transitions_inserted) changelog_s=$(field seconds) write_s=$(field write_seconds)
refresh_s=$(field refresh_seconds)
read -r jira_issues status_rows all_rows < <(psql "$db_url" -Atc "
    SELECT (SELECT count(*) FROM issues WHERE source = 'jira'), (SELECT count(*) FROM issue_transitions WHERE field = 'status'),
           (SELECT count(*) FROM issue_transitions)" | tr '|' ' ')
written_rps=$(awk -v r="$inserted" -v s="$write_s" 'BEGIN {printf "%.0f", r / s}')

# The same rows copied back into the same table (its key and index in place), in the same run.
psql "$db_url" -qc "\copy issue_transitions TO '$dir/transitions.copy'"
copy_s=$(psql "$db_url" -q <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1 | awk '{printf "%.2f", $1 / 1000}'
BEGIN;
TRUNCATE issue_transitions;
\timing on
\copy issue_transitions FROM '$dir/transitions.copy'
\timing off
COMMIT;
SQL
)
copy_rps=$(awk -v r="$all_rows" -v s="$copy_s" 'BEGIN {printf "%.0f", r / s}')
ratio=$(awk -v a="$written_rps" -v b="$copy_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
with_refresh_rps=$(awk -v r="$inserted" -v s="$write_s" -v t="$refresh_s" 'BEGIN {printf "%.0f", r / (s + t)}')
with_refresh_ratio=$(awk -v a="$with_refresh_rps" -v b="$copy_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
psql "$db_url" -qc "VACUUM ANALYZE"

key=$("$bin/worksupport" apikey create --name bench --config "$dir/ws.properties" | tail -n 1)
port=18494
start_pool_behind_nginx "$port" "$workers"
base="http://127.0.0.1:$port"
curl -fs -H "X-API-Key: $key" "$base/api/flow" > "$dir/flow.json" \
    || { echo "bench/flow.sh: GET /api/flow failed" >&2; tail "$dir/pool.log" >&2; exit 1; }
answer=$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
print("done=%d cycle_p50_h=%.1f lead_p50_h=%.1f wip=%d untrusted=%d weeks=%d" % (b["done"], (b["cycle"]["p50"] or 0) / 3600,
      (b["lead"]["p50"] or 0) / 3600, b["wip"], b["untrusted_count"], len(b["throughput"])))' "$dir/flow.json")
member=$(psql "$db_url" -Atc "SELECT assignee_member_id FROM issues WHERE assignee_member_id IS NOT NULL LIMIT 1")
window_from=$(psql "$db_url" -Atc "SELECT to_char(max(done_at) - interval '90 days', 'YYYY-MM-DD') FROM issue_flow_figures")

measure() {  # PATH [COOKIE] → "req/s p99_ms"
    local header="[\"X-API-Key\"] = \"$key\""
    [ -n "${2:-}" ] && header="[\"Cookie\"] = \"ws_session=$2\""
    cat > "$dir/flow.lua" <<LUA
request = function() return wrk.format("GET", "$1", { $header }) end
LUA
    wrk -t1 -c2 -d2s -s "$dir/flow.lua" "$base" >/dev/null   # warm-up
    wrk -t2 -c"$connections" -d"$duration" --latency -s "$dir/flow.lua" "$base" > "$dir/wrk.out"
    wrk_figures "$dir/wrk.out"
}
read -r all_rps all_p99 < <(measure "/api/flow")
read -r window_rps window_p99 < <(measure "/api/flow?from=$window_from")
read -r member_rps member_p99 < <(measure "/api/flow?assignee=$member")

# The page, signed in as a browser is (the login form's token, then the key).
jar="$dir/cookies"
form_token=$(curl -fs -c "$jar" "$base/ui/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$form_token" --data-urlencode "api_key=$key" "$base/ui/login"
session=$(awk '$6 == "ws_session" {print $7}' "$jar")
page_bytes=$(( $(curl -fs -b "ws_session=$session" "$base/ui/flow" | wc -c) + $(curl -fs "$base/ui/assets/dashboard.css" | wc -c) \
    + $(curl -fs "$base/ui/assets/dashboard.js" | wc -c) ))
read -r page_rps page_p99 < <(measure "/ui/flow" "$session")

table="| $jira_issues Jira issues, $status_rows status rows ($(awk -v r="$status_rows" -v i="$jira_issues" 'BEGIN {printf "%.1f", r / i}') an issue), $all_rows rows in all | figure |
|---|---:|
| full Jira harvest (issues and histories from the simulator), s | $harvest_s |
| changelog phase (fetch, normalize, write), s | $changelog_s |
| transition rows written by the harvest, rows/s (over its write time, $write_s s) | $written_rps |
| COPY of the same rows into the same table, rows/s ($copy_s s) | $copy_rps |
| written / COPY (goal ≥ 60 %) | **$ratio %** |
| the written issues' flow figures refreshed after each write, s | $refresh_s |
| rows/s over write and refresh together, and / COPY | $with_refresh_rps ($with_refresh_ratio %) |

| through nginx, $workers workers, $connections connections, $duration | req/s | p99 (ms) |
|---|---:|---:|
| GET /api/flow (all issues; goal p99 < 200 ms) | $all_rps | $all_p99 |
| GET /api/flow?from=$window_from (90 days) | $window_rps | $window_p99 |
| GET /api/flow?assignee=$member | $member_rps | $member_p99 |
| /ui/flow, signed in (goal p99 < 100 ms; weight $page_bytes bytes with the assets, goal < 100 kB) | $page_rps | $page_p99 |

Answer: $answer"
echo "$table"
{ echo; echo "## Flow (bench/flow.sh, release build)"; echo; echo "$table"; } >> BENCHMARKS.md
