#!/usr/bin/env bash
# Collaboration graph benchmark (issue 22): a year of a 50-person team straight into the tables,
# as the harvest writes them: 20,000 pull requests with two reviews each (REVIEWED), their
# assignments (ASSIGNED_TO), 5,000 Jira issues with comments (COMMENTED_ON), and interactions at
# the volume of ~500k Slack messages in 40 channels (MENTIONED, REPLIED_TO; generated here, since
# the Slack collector lives elsewhere). Then GET /api/team/reviews, /quiet, /owners and /graph
# (default window, 30 days) through nginx, 2 workers, 8 connections, 10 s each. Goal: p99 < 200 ms each.
# Needs release binaries (make release), wrk, nginx, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pool-behind-nginx.sh
. bench/wrk-output.sh
root=$(pwd)
bin=$root/.build/release
workers=${BENCH_WORKERS:-2} connections=${BENCH_CONNECTIONS:-8} duration=${BENCH_DURATION:-10s}
members=${BENCH_MEMBERS:-50} pulls=${BENCH_PULLS:-20000} messages=${BENCH_MESSAGES:-500000}
for tool in wrk nginx curl; do command -v $tool >/dev/null || { echo "bench/team.sh: $tool is missing (make deps)" >&2; exit 1; }; done
[ -x "$bin/worksupport-api" ] || { echo "bench/team.sh: $bin/worksupport-api not built (make release)" >&2; exit 1; }
bench_scratch team
bench_database team

# Member m<i> (github dev<i>); every 10th is a product owner. Pull request j by dev(j % 50), reviewed
# by the next two members; Slack: message k by m(k % 50) in channel k % 40, mentioning m((k*7) % 50)
# every 3rd message and replying to m((k*11) % 50) every 4th; times spread evenly over the year.
psql "$db_url" -q -v m="$members" -v p="$pulls" -v s="$messages" <<'SQL'
INSERT INTO team_members (member_id, name, github_id, jira_id, slack_id, role)
SELECT 'm' || i, 'Member ' || i, 'dev' || i, 'acct-' || i, 'U' || i, CASE WHEN i % 10 = 0 THEN 'po' END
FROM generate_series(0, :m - 1) i;
INSERT INTO issues (issue_key, source, summary, status, status_category, issue_type_id, assignee, assignee_member_id,
                    created_at, updated_at, raw)
SELECT 'bench/app#' || j, 'github', 'Change ' || j, CASE WHEN j % 5 = 0 THEN 'open' ELSE 'closed' END,
       CASE WHEN j % 5 = 0 THEN 'indeterminate' ELSE 'done' END, -3, 'dev' || (j % :m), 'm' || (j % :m),
       now() - interval '365 days' + j * interval '365 days' / :p - interval '2 days',
       now() - interval '365 days' + j * interval '365 days' / :p,
       jsonb_build_object('user', jsonb_build_object('login', 'dev' || (j % :m)))
FROM generate_series(1, :p) j;
INSERT INTO issues (issue_key, source, summary, status, status_category, issue_type_id, assignee, assignee_member_id,
                    created_at, updated_at)
SELECT 'BENCH-' || j, 'jira', 'Story ' || j, CASE WHEN j % 3 = 0 THEN 'In Progress' ELSE 'Done' END,
       CASE WHEN j % 3 = 0 THEN 'indeterminate' ELSE 'done' END, -1, 'acct-' || (j % :m), 'm' || (j % :m),
       now() - interval '365 days' + j * interval '365 days' / 5000 - interval '5 days',
       now() - interval '365 days' + j * interval '365 days' / 5000
FROM generate_series(1, 5000) j;
INSERT INTO pull_request_reviews (pr_key, review_id, reviewer, state, submitted_at)
SELECT 'bench/app#' || j, (j * 2 + r)::text, 'dev' || ((j + r + 1) % :m), 'APPROVED',
       now() - interval '365 days' + j * interval '365 days' / :p - interval '1 hour'
FROM generate_series(1, :p) j, generate_series(0, 1) r;
INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
SELECT 'REVIEWED', 'm' || ((j + r + 1) % :m), 'm' || (j % :m), 'bench/app#' || j,
       now() - interval '365 days' + j * interval '365 days' / :p - interval '1 hour', 'github', (j * 2 + r)::text
FROM generate_series(1, :p) j, generate_series(0, 1) r;
INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
SELECT 'ASSIGNED_TO', assignee_member_id, issue_key, issue_key, updated_at, source, issue_key || ' ' || assignee
FROM issues;
INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
SELECT 'COMMENTED_ON', 'm' || ((j * 3) % :m), 'BENCH-' || j, 'BENCH-' || j,
       now() - interval '365 days' + j * interval '365 days' / 5000, 'jira', 'comment:' || j
FROM generate_series(1, 5000) j;
INSERT INTO slack_channels (id, name) SELECT 'C' || c, 'channel-' || c FROM generate_series(0, 39) c;
INSERT INTO interactions (kind, actor, target, channel_id, occurred_at, source, source_id)
SELECT 'MENTIONED', 'm' || (k % :m), 'm' || ((k * 7 + 1) % :m), 'C' || (k % 40),
       now() - interval '365 days' + k * interval '365 days' / :s, 'slack', 'C' || (k % 40) || ':' || k
FROM generate_series(1, :s) k WHERE k % 3 = 0;
INSERT INTO interactions (kind, actor, target, channel_id, occurred_at, source, source_id)
SELECT 'REPLIED_TO', 'm' || (k % :m), 'm' || ((k * 11 + 3) % :m), 'C' || (k % 40),
       now() - interval '365 days' + k * interval '365 days' / :s, 'slack', 'C' || (k % 40) || ':' || k
FROM generate_series(1, :s) k WHERE k % 4 = 0;
VACUUM ANALYZE;
SQL
interactions=$(psql "$db_url" -Atc "SELECT count(*) FROM interactions")
key=$("$bin/worksupport" apikey create --name bench --config "$dir/ws.properties" | tail -n 1)

port=18494
start_pool_behind_nginx "$port" "$workers"
rows=""
for question in reviews quiet owners graph; do
    url="http://127.0.0.1:$port/api/team/$question"
    bytes=$(curl -fs -H "X-API-Key: $key" "$url" | wc -c) \
        || { echo "bench/team.sh: GET $url failed" >&2; tail "$dir/pool.log" >&2; exit 1; }
    cat > "$dir/$question.lua" <<LUA
request = function() return wrk.format("GET", "/api/team/$question", { ["X-API-Key"] = "$key" }) end
LUA
    wrk -t1 -c2 -d2s -s "$dir/$question.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
    wrk -t2 -c"$connections" -d"$duration" --latency -s "$dir/$question.lua" "http://127.0.0.1:$port" > "$dir/$question.out"
    read -r rps p99 <<<"$(wrk_figures "$dir/$question.out")"
    rows="$rows
| GET /api/team/$question ($bytes bytes) | $rps | $p99 |"
done

# The dashboard's team page (issue 23) on the same data, signed in as a browser is (bench/ui.sh's
# data has no interactions): goal p99 < 100 ms, weight (page + stylesheet + script) < 100 kB.
base="http://127.0.0.1:$port"
jar="$dir/cookies"
form_token=$(curl -fs -c "$jar" "$base/ui/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$form_token" --data-urlencode "api_key=$key" "$base/ui/login"
session=$(awk '$6 == "ws_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "bench/team.sh: login failed" >&2; tail "$dir/pool.log" >&2; exit 1; }
weight=$(( $(curl -fs -b "ws_session=$session" "$base/ui/team" | wc -c) + $(curl -fs "$base/ui/assets/dashboard.css" | wc -c)
           + $(curl -fs "$base/ui/assets/dashboard.js" | wc -c) ))
cat > "$dir/page.lua" <<LUA
request = function() return wrk.format("GET", "/ui/team", { ["Cookie"] = "ws_session=$session" }) end
LUA
wrk -t1 -c2 -d2s -s "$dir/page.lua" "$base" >/dev/null   # warm-up
wrk -t2 -c"$connections" -d"$duration" --latency -s "$dir/page.lua" "$base" > "$dir/page.out"
read -r rps p99 <<<"$(wrk_figures "$dir/page.out")"
rows="$rows
| GET /ui/team (weight $weight bytes with stylesheet and script) | $rps | $p99 |"

table="| through nginx, $workers workers, $connections connections, $duration; $members members, $pulls PRs, $interactions interactions | req/s | p99 (ms) |
|---|---:|---:|$rows

Goal: p99 < 200 ms each (default window, the last 30 days); the team page p99 < 100 ms, weight < 100 kB."
echo "$table"
{ echo; echo "## Collaboration graph (bench/team.sh, release build)"; echo; echo "$table"; } >> BENCHMARKS.md
