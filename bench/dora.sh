#!/usr/bin/env bash
# Delivery metrics benchmark (issue 21): one repository with 5,000 deployments (statuses folded,
# commit ranges, about 1 in 10 failed) and 20,000 merged pull requests over a year, plus incidents.
#   1. GET /api/metrics/dora?repo=… (default window, the last 90 days) through nginx, 2 workers,
#      8 connections, 10 s. Goal: p99 < 200 ms.
#   2. Signed GitHub deployment_status deliveries (each a new status of one of the deployments,
#      pre-signed) through nginx against GET /health in the same run: the ratio is the figure.
# Needs release binaries (make release), wrk, nginx, python3, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
. bench/wrk-output.sh
. bench/signed-deliveries.sh
root=$(pwd)
bin=$root/.build/release
workers=${BENCH_WORKERS:-2} connections=${BENCH_CONNECTIONS:-8} duration=${BENCH_DURATION:-10s}
deployments=${BENCH_DEPLOYMENTS:-5000} pulls=${BENCH_PULLS:-20000} repo=bench-org/shop
for tool in wrk nginx curl python3 openssl; do command -v $tool >/dev/null || { echo "bench/dora.sh: $tool is missing (make deps)" >&2; exit 1; }; done
[ -x "$bin/worksupport-api" ] || { echo "bench/dora.sh: $bin/worksupport-api not built (make release)" >&2; exit 1; }
bench_scratch dora
secret=bench-webhook-secret
bench_database dora github.issue_label=work-support github.webhook_secret=$secret github.repos=$repo

# A year ending now (bench/seed-deliveries.sql).
psql "$db_url" -q -v repo="$repo" -v n="$deployments" -v p="$pulls" -f bench/seed-deliveries.sql
key=$("$bin/worksupport" apikey create --name bench --config "$dir/ws.properties" | tail -n 1)

port=18493
start_pool_behind_nginx "$port" "$workers"
metrics_url="http://127.0.0.1:$port/api/metrics/dora?repo=$repo"
curl -fs -H "X-API-Key: $key" "$metrics_url" > "$dir/dora.json" \
    || { echo "bench/dora.sh: GET $metrics_url failed" >&2; tail "$dir/pool.log" >&2; exit 1; }
summary=$(python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
f = b["deployment_frequency"]["per_week"]; l = b["change_lead_time"]; c = b["change_fail_rate"]
print("deployments=%d changes=%d per_week=%.1f lead_p50_h=%.1f fail_rate=%.3f" % (f["numerator"], l["denominator"],
      f["value"], (l["median_seconds"] or 0) / 3600, c["value"] or 0))' "$dir/dora.json")

cat > "$dir/dora.lua" <<LUA
request = function() return wrk.format("GET", "/api/metrics/dora?repo=$repo", { ["X-API-Key"] = "$key" }) end
LUA
wrk -t1 -c2 -d2s -s "$dir/dora.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
wrk -t2 -c"$connections" -d"$duration" --latency -s "$dir/dora.lua" "http://127.0.0.1:$port" > "$dir/wrk.out"
read -r dora_rps dora_p99 <<<"$(wrk_figures "$dir/wrk.out")"

# Signed deployment_status deliveries: the fixture payload moved to the bench repository, each a
# new status (success) of one of the last 500 deployments. Pre-signed: wrk's Lua has no HMAC.
count=${BENCH_STATUSES:-6000}
mkdir -p "$dir/statuses"
python3 - Tests/Fixtures/github-webhooks/deployment_status/payload.json "$secret" "$dir/statuses" "$count" "$repo" "$deployments" <<'PY'
import hashlib, hmac, json, sys
source, secret, out, count, repo, deployments = sys.argv[1], sys.argv[2].encode(), sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
payload = json.load(open(source))
payload["repository"]["full_name"] = repo
for thread in (1, 2):
    with open(f"{out}/signatures-{thread}", "w") as signatures:
        for index in range(count):
            deployment = 100000 + deployments - (index % 500)
            payload["deployment"]["id"] = deployment
            payload["deployment_status"]["id"] = thread * 10_000_000 + index
            payload["deployment_status"]["state"] = "success"
            data = json.dumps(payload, separators=(",", ":")).encode()
            open(f"{out}/{thread}-{index}.json", "wb").write(data)
            signatures.write("sha256=" + hmac.new(secret, data, hashlib.sha256).hexdigest() + "\n")
PY
signed_deliveries_script "$dir/status.lua" "$dir/statuses" deployment_status status
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/health" > "$dir/health.out"
read -r health_rps health_p99 <<<"$(wrk_figures "$dir/health.out")"
wrk -t2 -c32 -d"$duration" --latency -s "$dir/status.lua" "http://127.0.0.1:$port" > "$dir/status.out"
read -r status_rps status_p99 <<<"$(wrk_figures "$dir/status.out")"
applied=$(psql "$db_url" -Atc "SELECT status || ':' || count(*) FROM webhook_deliveries GROUP BY status ORDER BY 1" | tr '\n' ' ')
ratio=$(awk -v a="$status_rps" -v b="$health_rps" 'BEGIN {printf "%.0f", 100 * a / b}')

table="| through nginx, $workers workers, $duration | req/s | p99 (ms) |
|---|---:|---:|
| GET /api/metrics/dora?repo=… (last 90 days; $deployments deployments, $pulls PRs a year), $connections connections | $dora_rps | $dora_p99 |
| GET /health (baseline), 32 connections | $health_rps | $health_p99 |
| POST /api/ingest/github, signed deployment_status, 32 connections | $status_rps | $status_p99 |

Metrics goal p99 < 200 ms. deployment_status deliveries / health: **$ratio %**. Deliveries by status: $applied. Answer: $summary"
echo "$table"
{ echo; echo "## Delivery metrics (bench/dora.sh, release build)"; echo; echo "$table"; } >> BENCHMARKS.md
