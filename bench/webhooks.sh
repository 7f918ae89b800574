#!/usr/bin/env bash
# Webhook ingest benchmark: signed GitHub `issues/edited` deliveries (the real payload from
# Tests/Fixtures, each with its own X-GitHub-Delivery) through nginx to the pool, 2 workers,
# 32 connections, 10 s: first the same body each time (after the first, only the raw row is
# written), then each a newer copy of one of 128 items; `/health` in the same run is the baseline.
# Goal: ≥ 30 % of the /health rate and p99 < 20 ms.    Needs release binaries (make release).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
root=$(pwd)
bin=$root/.build/release
workers=${BENCH_WORKERS:-2} connections=${BENCH_CONNECTIONS:-32} duration=${BENCH_DURATION:-10s}
bench_scratch webhook
psql "$(scripts/pg-cluster url "$dir/pg" postgres)" -qc "CREATE DATABASE hooks"
secret=bench-webhook-secret
# The payload's item is in scope: labelled `bug`, assigned to Codertocat.
cat > "$dir/ws.properties" <<PROPS
database.url=$(scripts/pg-cluster url "$dir/pg" hooks)
github.issue_label=bug
github.webhook_secret=$secret
team.member.octo.name=Codertocat
team.member.octo.github_id=Codertocat
PROPS
"$bin/worksupport" migrate --config "$dir/ws.properties" --migrations migrations >/dev/null

body=Tests/Fixtures/github-webhooks/issues/edited.json
signature="sha256=$(openssl dgst -sha256 -hmac "$secret" -r < "$body" | cut -d' ' -f1)"
port=18491
start_pool_behind_nginx "$port" "$workers"

# Every request: the same signed body, a fresh delivery id (thread id + counter).
lua_body=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$body")
cat > "$dir/deliver.lua" <<LUA
local counter = 0
local thread_id = 0
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("id", threads) end
init = function() thread_id = id end
request = function()
    counter = counter + 1
    return wrk.format("POST", "/api/ingest/github", {
        ["Content-Type"] = "application/json", ["X-GitHub-Event"] = "issues",
        ["X-GitHub-Delivery"] = "bench-" .. thread_id .. "-" .. counter,
        ["X-Hub-Signature-256"] = "$signature" }, $lua_body)
end
LUA
curl -fs -X POST -H "Content-Type: application/json" -H "X-GitHub-Event: issues" -H "X-GitHub-Delivery: probe" \
    -H "X-Hub-Signature-256: $signature" --data-binary @"$body" "http://127.0.0.1:$port/api/ingest/github" >/dev/null \
    || { echo "bench/webhooks.sh: the probe delivery failed" >&2; tail "$dir/pool.log" >&2; exit 1; }

# Realistic edits: each delivery carries a newer copy of one of 64 items per wrk thread (the
# next edit of an item comes 64 deliveries later, long after the previous one committed), so
# every one writes its issue and runs the anomaly pass for it; the identical deliveries above
# write only their raw row after the first. Pre-signed here: wrk's Lua has no HMAC.
edits=${BENCH_EDITS:-6000}
mkdir -p "$dir/edits"
python3 - "$body" "$secret" "$dir/edits" "$edits" <<'PY'
import datetime, hashlib, hmac, json, sys
source, secret, out, count = sys.argv[1], sys.argv[2].encode(), sys.argv[3], int(sys.argv[4])
payload = json.load(open(source))
issue = payload["issue"]
start = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
title, url, html_url, first_id = issue["title"], issue["url"], issue["html_url"], issue["id"]
for thread in (1, 2):
    with open(f"{out}/signatures-{thread}", "w") as signatures:
        for index in range(count):
            number = 1000 + (thread - 1) * 64 + index % 64
            issue.update(number=number, id=first_id + number, title=f"{title} #{index}",
                         url=url.rsplit("/", 1)[0] + f"/{number}", html_url=html_url.rsplit("/", 1)[0] + f"/{number}",
                         updated_at=(start + datetime.timedelta(seconds=index)).strftime("%Y-%m-%dT%H:%M:%SZ"))
            data = json.dumps(payload, separators=(",", ":")).encode()
            open(f"{out}/{thread}-{index}.json", "wb").write(data)
            signatures.write("sha256=" + hmac.new(secret, data, hashlib.sha256).hexdigest() + "\n")
PY
cat > "$dir/edit.lua" <<LUA
local bodies, signatures, count, counter, threads = {}, {}, 0, 0, 0
setup = function(thread) threads = threads + 1; thread:set("id", threads) end
init = function()
    for line in io.lines("$dir/edits/signatures-" .. id) do
        local file = io.open("$dir/edits/" .. id .. "-" .. count .. ".json", "rb")
        bodies[count] = file:read("*a"); file:close()
        signatures[count] = line; count = count + 1
    end
end
request = function()
    local index = counter % count
    counter = counter + 1
    return wrk.format("POST", "/api/ingest/github", {
        ["Content-Type"] = "application/json", ["X-GitHub-Event"] = "issues",
        ["X-GitHub-Delivery"] = "edit-" .. id .. "-" .. counter,
        ["X-Hub-Signature-256"] = signatures[index] }, bodies[index])
end
LUA

measure() {  # wrk args… → "req/s p99_ms"
    wrk -t2 -c"$connections" -d"$duration" --latency "$@" > "$dir/wrk.out"
    awk '/Non-2xx|Socket errors/ {print "  note: " $0}' "$dir/wrk.out" >&2
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$dir/wrk.out")
    echo "$rps $p99"
}
read -r health_rps health_p99 <<<"$(measure "http://127.0.0.1:$port/health")"
read -r hook_rps hook_p99 <<<"$(measure -s "$dir/deliver.lua" "http://127.0.0.1:$port")"
read -r edit_rps edit_p99 <<<"$(measure -s "$dir/edit.lua" "http://127.0.0.1:$port")"
written=$(psql "$(scripts/pg-cluster url "$dir/pg" hooks)" -Atc "SELECT count(*) FROM issues WHERE issue_key LIKE '%#1___'")
stored=$(psql "$(scripts/pg-cluster url "$dir/pg" hooks)" -Atc "SELECT status || ':' || count(*) FROM webhook_deliveries GROUP BY status ORDER BY 1" | tr '\n' ' ')
ratio=$(awk -v a="$hook_rps" -v b="$health_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
edit_ratio=$(awk -v a="$edit_rps" -v b="$health_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
table="| through nginx, $workers workers, $connections connections, $duration | req/s | p99 (ms) |
|---|---:|---:|
| GET /health (baseline) | $health_rps | $health_p99 |
| POST /api/ingest/github, signed issues/edited, the same item each time | $hook_rps | $hook_p99 |
| POST /api/ingest/github, signed issues/edited, each a newer copy of one of 128 items | $edit_rps | $edit_p99 |

Deliveries / health: **$ratio %** identical, **$edit_ratio %** newer (goal ≥ 30 %, p99 < 20 ms). Stored deliveries by status: $stored; items the newer deliveries wrote: $written"
echo "$table"
{ echo; echo "## Webhook ingest (bench/webhooks.sh, release build)"; echo; echo "$table"; } >> BENCHMARKS.md
