#!/usr/bin/env bash
# Slack collector benchmark (issue 22): one year of a 50-person team through worksupport-sim,
# about 500,000 messages (replies included) in 40 channels, no tier limits.
#   1. a full collection (`worksupport-harvest --source slack`, the first run): messages/s and
#      the harvester's peak RSS (/usr/bin/time -v);
#   2. the next, incremental run (the lookback only): seconds and messages read again.
# Needs release binaries (make release), psql, curl, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
root=$(pwd)
bin=$root/.build/release
messages=${BENCH_SLACK_MESSAGES:-500000} channels=${BENCH_SLACK_CHANNELS:-40} members=${BENCH_SLACK_MEMBERS:-50}
for tool in psql curl; do command -v $tool >/dev/null || { echo "bench/slack.sh: $tool is missing (make deps)" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "bench/slack.sh: /usr/bin/time is missing (make deps)" >&2; exit 1; }
[ -x "$bin/worksupport-harvest" ] || { echo "bench/slack.sh: $bin/worksupport-harvest not built (make release)" >&2; exit 1; }
bench_scratch slack
sim_pid=""
trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; bench_cleanup' EXIT

port=$((18900 + RANDOM % 90))
"$bin/worksupport-sim" generate --issues 100 --members 2 --seed 11 --out "$dir/sim" --base-url "http://127.0.0.1:$port" >/dev/null
"$bin/worksupport-sim" serve --data "$dir/sim" --port "$port" --slack-messages "$messages" --slack-channels "$channels" \
    --slack-members "$members" --slack-days 360 >/dev/null 2>"$dir/sim.log" &
sim_pid=$!
for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/_sim/slack/manifest" >"$dir/manifest.json" 2>/dev/null && break; sleep 0.1; done

# Every member mapped to its Slack user, as a team would configure them.
team=()
for i in $(seq "$members"); do
    id=$(printf 'U%04d' "$i")
    team+=("team.member.m$i.name=Member $i" "team.member.m$i.github_id=member-$i" "team.member.m$i.slack_id=$id")
done
bench_database slack "slack.api_url=http://127.0.0.1:$port/api" "${team[@]}"
export SLACK_TOKEN=xoxb-sim-slack-token

run() {  # $1 label → seconds, and the peak RSS in $dir/$1.time
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$dir/$1.time" "$bin/worksupport-harvest" --config "$dir/ws.properties" --source slack \
        --progress never 2>"$dir/$1.log" || { echo "bench/slack.sh: the $1 run failed:" >&2; tail -5 "$dir/$1.log" >&2; exit 1; }
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}'
}
full_s=$(run full)
full_rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/full.time")
fetched=$(psql "$db_url" -Atc "SELECT slack_messages_fetched FROM harvest_runs ORDER BY id LIMIT 1")
stored=$(psql "$db_url" -Atc "SELECT count(*) FROM slack_messages")
edges=$(psql "$db_url" -Atc "SELECT count(*) FROM interactions WHERE source = 'slack'")
expected=$(sed -n 's/.*"messages":\([0-9]*\).*/\1/p' "$dir/manifest.json")
rate=$(awk -v n="$fetched" -v t="$full_s" 'BEGIN {printf "%.0f", n / t}')
again_s=$(run again)
again_rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/again.time")
again_fetched=$(psql "$db_url" -Atc "SELECT slack_messages_fetched FROM harvest_runs ORDER BY id DESC LIMIT 1")
again_written=$(psql "$db_url" -Atc "SELECT slack_messages_written FROM harvest_runs ORDER BY id DESC LIMIT 1")

table="| Slack collector, $channels channels, $members members, a year | seconds | messages read | messages/s | peak RSS (MB) |
|---|---:|---:|---:|---:|
| full collection (first run) | $full_s | $fetched | $rate | $full_rss |
| incremental run (7-day lookback) | $again_s | $again_fetched | | $again_rss |

Stored: $stored messages (the simulator's manifest says $expected), $edges interactions; the incremental run wrote $again_written messages."
echo "$table"
{ echo; echo "## Slack collector (bench/slack.sh, release build)"; echo; echo "$table"; } >> BENCHMARKS.md
