#!/usr/bin/env bash
# Release view benchmark: GET /api/releases/release-5k (5,000 member issues of the 100k from
# bench/seed-issues.sql, some with open anomalies) through nginx to the pool, 2 workers, as many
# connections as workers (the latency of the view itself, not of a queue in front of it), 10 s.
# Memberships and anomalies come from `worksupport anomalies --run-pass`, the harvest's pass.
# Goal: p99 < 50 ms.    Needs release binaries (make release).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
root=$(pwd)
bin=$root/.build/release
workers=${BENCH_WORKERS:-2} connections=${BENCH_CONNECTIONS:-${BENCH_WORKERS:-2}} duration=${BENCH_DURATION:-10s}
issues=${BENCH_ISSUES:-100000} release=${BENCH_RELEASE:-release-5k}
for tool in wrk nginx curl python3; do command -v $tool >/dev/null || { echo "bench/releases.sh: $tool is missing (make deps)" >&2; exit 1; }; done
[ -x "$bin/worksupport-api" ] || { echo "bench/releases.sh: $bin/worksupport-api not built (make release)" >&2; exit 1; }
bench_scratch release
bench_database releases
psql "$db_url" -q -v n="$issues" -f bench/seed-issues.sql >/dev/null
# Anomalies to show: unknown types, outside assignees, stale work, missing releases.
psql "$db_url" -q <<'SQL'
UPDATE issues SET issue_type_id = -1 WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1000, 100000, 97) g);
UPDATE issues SET assignee = 'outsider', assignee_member_id = NULL WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1003, 100000, 101) g);
UPDATE issues SET updated_at = now() - interval '60 days' WHERE issue_key IN (SELECT 'BENCH-' || g FROM generate_series(1004, 100000, 103) g);
VACUUM ANALYZE issues;
SQL
pass=$("$bin/worksupport" anomalies --run-pass --limit 1 --config "$dir/ws.properties" | grep '^pass:')
psql "$db_url" -qc "VACUUM ANALYZE"   # as autovacuum would have after the pass's 100k inserts
key=$("$bin/worksupport" apikey create --name bench --config "$dir/ws.properties" | tail -n 1)

port=18492
start_pool_behind_nginx "$port" "$workers"

url="http://127.0.0.1:$port/api/releases/$release"
curl -fs -H "X-API-Key: $key" "$url" > "$dir/release.json" \
    || { echo "bench/releases.sh: GET $url failed" >&2; tail "$dir/pool.log" >&2; exit 1; }
read -r members anomalies bytes < <(python3 -c '
import json, os, sys
body = json.load(open(sys.argv[1]))
print(body["issue_count"], len(body["anomalies"]), os.path.getsize(sys.argv[1]))' "$dir/release.json")
[ "$members" -ge 5000 ] || { echo "bench/releases.sh: $release has $members issues, expected at least 5000" >&2; exit 1; }

cat > "$dir/release.lua" <<LUA
request = function() return wrk.format("GET", "/api/releases/$release", { ["X-API-Key"] = "$key" }) end
LUA
wrk -t1 -c2 -d2s -s "$dir/release.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
wrk -t1 -c"$connections" -d"$duration" --latency -s "$dir/release.lua" "http://127.0.0.1:$port" > "$dir/wrk.out"
awk '/Non-2xx|Socket errors/ {print "  note: " $0}' "$dir/wrk.out" >&2
ms() { awk -v q="$1" '$1 == q {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$dir/wrk.out"; }
rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.out")
echo "release_view release=$release issues=$members anomalies=$anomalies bytes=$bytes req_per_s=$rps p50_ms=$(ms 50%) p99_ms=$(ms 99%) goal_p99_ms=50 ($pass)"
