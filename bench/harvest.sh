#!/usr/bin/env bash
# `make bench` (harvest part): worksupport-harvest against worksupport-sim on a private PostgreSQL.
#   - end-to-end full harvest of N issues (issues/s), Jira requests per 1000 issues vs pages needed;
#   - an unchanged re-harvest: time and rows written (goal 0);
#   - peak RSS of the harvester at N/10 and N issues (goal: ≤ 1.5x growth).
# Release binaries are expected in .build/release (make release).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=$root/.build/release
n=${BENCH_HARVEST_ISSUES:-100000}
dir=$(mktemp -d /tmp/worksupport-harvest-bench.XXXXXX)
chmod 755 "$dir"
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
    scripts/pg-cluster stop "$dir/pg" || true
    rm -rf "$dir"
}
trap cleanup EXIT
export JIRA_API_TOKEN=sim-jira-token GITHUB_TOKEN=sim-github-token

scripts/pg-cluster start "$dir/pg"
admin=$(scripts/pg-cluster url "$dir/pg" postgres)

harvest_case() {  # $1 issues → prints one result line
    local issues=$1 port=$((18600 + RANDOM % 300)) db="h$1"
    "$bin/worksupport-sim" generate --issues "$issues" --members 20 --seed 11 --out "$dir/sim$issues" \
        --base-url "http://127.0.0.1:$port" >/dev/null
    "$bin/worksupport-sim" serve --data "$dir/sim$issues" --port "$port" >/dev/null 2>&1 &
    sim_pid=$!
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/_sim/status" >/dev/null && break; sleep 0.1; done
    psql "$admin" -qc "CREATE DATABASE $db"
    export WORKSUPPORT_DATABASE_URL
    WORKSUPPORT_DATABASE_URL=$(scripts/pg-cluster url "$dir/pg" "$db")
    local config="$dir/sim$issues/worksupport.properties"
    "$bin/worksupport" migrate --config "$config" --migrations migrations >/dev/null
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$dir/rss$issues" "$bin/worksupport-harvest" --config "$config" --full --progress never 2>"$dir/full$issues.log" || true
    end=$(date +%s.%N)
    local full_s; full_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
    start=$(date +%s.%N)
    "$bin/worksupport-harvest" --config "$config" --full --progress never 2>"$dir/again$issues.log" || true
    end=$(date +%s.%N)
    local again_s; again_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
    local stored; stored=$(psql "$WORKSUPPORT_DATABASE_URL" -Atc "SELECT count(*) FROM issues")
    local jira; jira=$(psql "$WORKSUPPORT_DATABASE_URL" -Atc "SELECT count(*) FROM issues WHERE source = 'jira'")
    # Jira requests of the first run: count them with a Jira-only run on a fresh database.
    psql "$admin" -qc "CREATE DATABASE ${db}j"
    WORKSUPPORT_DATABASE_URL=$(scripts/pg-cluster url "$dir/pg" "${db}j")
    "$bin/worksupport" migrate --config "$config" --migrations migrations >/dev/null
    "$bin/worksupport-harvest" --config "$config" --full --source jira --progress never 2>"$dir/jira$issues.log" || true
    local requests; requests=$(sed -n 's/.*event=finish.* requests=\([0-9]*\).*/\1/p' "$dir/jira$issues.log")
    # The finish line's fields come sorted by key: add inserted and updated wherever they stand.
    local written; written=$(awk '/ event=finish / { for (i = 1; i <= NF; i++) { split($i, kv, "=");
        if (kv[1] == "inserted" || kv[1] == "updated") sum += kv[2] } } END { print sum + 0 }' "$dir/again$issues.log")
    local rate; rate=$(awk -v s="$stored" -v t="$full_s" 'BEGIN {printf "%.0f", s / t}')
    local pages=$(( (jira + 99) / 100 ))
    local per1000; per1000=$(awk -v r="$requests" -v j="$jira" 'BEGIN {printf "%.1f", 1000 * r / j}')
    local need1000; need1000=$(awk -v p="$pages" -v j="$jira" 'BEGIN {printf "%.1f", 1000 * p / j}')
    echo "| $issues | $stored | $full_s | $rate | $again_s | $written | $per1000 (pages: $need1000) | $(awk '{printf "%.0f", $1 / 1024}' "$dir/rss$issues") |"
    kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
}

small=$((n / 10))
header="| dataset | issues stored | full harvest (s) | issues/s | unchanged re-harvest (s) | rows written by it | Jira requests / 1000 issues | peak RSS (MB) |
|---:|---:|---:|---:|---:|---:|---:|---:|"
row_small=$(harvest_case "$small")
row_large=$(harvest_case "$n")
rss_small=$(echo "$row_small" | awk -F'|' '{print $9}')
rss_large=$(echo "$row_large" | awk -F'|' '{print $9}')
growth=$(awk -v a="$rss_small" -v b="$rss_large" 'BEGIN {printf "%.2f", b / a}')
table="$header
$row_small
$row_large

Peak RSS growth from $small to $n issues: **${growth}x** (goal ≤ 1.5x). Goals: unchanged re-harvest writes 0 rows; Jira requests ≤ 1.2 × the pages strictly needed."
echo "$table"
{
    echo
    echo "## Harvest (worksupport-harvest against worksupport-sim, release build)"
    echo
    echo "$table"
} >> BENCHMARKS.md
