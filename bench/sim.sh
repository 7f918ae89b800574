#!/usr/bin/env bash
# Simulator benchmark: time to generate a 100k-issue dataset, and the rate at which the Jira
# search endpoint serves it in 100-issue pages (nextPageToken paging, explicit fields, one
# keep-alive connection) — the harvester's access pattern. Goals: < 10 s and >= 2000 issues/s.
#   bench/sim.sh [ISSUES]        (needs a release build: swift build -c release --product worksupport-sim)
set -euo pipefail
cd "$(dirname "$0")/.."
ISSUES="${1:-100000}"
SIM="${SIM_BIN:-.build/release/worksupport-sim}"
[ -x "$SIM" ] || { echo "bench/sim.sh: $SIM missing; run: swift build -c release --product worksupport-sim" >&2; exit 1; }
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

start=$(date +%s.%N)
"$SIM" generate --issues "$ISSUES" --seed 42 --out "$WORK/data" >/dev/null
end=$(date +%s.%N)
echo "sim.generate issues=$ISSUES seconds=$(awk "BEGIN { printf \"%.2f\", $end - $start }") goal_seconds=10"

"$SIM" serve --data "$WORK/data" --port 0 >"$WORK/url" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL="$(head -n1 "$WORK/url")"
[ -n "$URL" ] || { echo "bench/sim.sh: simulator did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }

python3 - "$URL" <<'PY'
import base64, http.client, json, sys, time, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
conn = http.client.HTTPConnection(url.hostname, url.port)
auth = "Basic " + base64.b64encode(b"worksupport-bot@example.com:sim-jira-token").decode()
fields = ["summary", "status", "issuetype", "parent", "assignee", "labels", "fixVersions", "created", "updated", "resolutiondate"]
def search(body):
    conn.request("POST", "/rest/api/3/search/jql", json.dumps(body), {"Authorization": auth, "Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    assert response.status == 200, data[:300]
    return json.loads(data)
issues = pages = 0
token = None
start = time.monotonic()
while True:
    body = {"jql": "project in (WSA, WSB, WSX) ORDER BY key", "fields": fields, "maxResults": 100}
    if token: body["nextPageToken"] = token
    page = search(body)
    issues += len(page["issues"]); pages += 1
    token = page.get("nextPageToken")
    if not token: break
seconds = time.monotonic() - start
print(f"sim.jira_search issues={issues} pages={pages} seconds={seconds:.2f} issues_per_second={issues/seconds:.0f} goal_issues_per_second=2000")
gh = "Bearer sim-github-token"
items = 0; start = time.monotonic()
for page in range(1, 11):
    conn.request("GET", f"/search/issues?q=is%3Apr&per_page=100&page={page}", headers={"Authorization": gh})
    response = conn.getresponse(); data = json.loads(response.read())
    items += len(data["items"])
seconds = time.monotonic() - start
print(f"sim.github_search items={items} pages=10 seconds={seconds:.2f} items_per_second={items/seconds:.0f}")
PY
