import Foundation
import JSON
import TestKit
import Testing

/// The dashboard as a person sees it: headless Chromium through the shipped nginx site and the
/// pool, on the seeded stack. Each page loads without a console error (CSP violations, failed
/// loads and script exceptions count), shows the API's figures, and is saved as a screenshot
/// under `.build/screenshots/` for review.
@Suite(.routeStack, .serialized) struct DashboardInChromiumTests {
    static let screenshots = CommandRunner.repositoryRoot.appendingPathComponent(".build/screenshots")

    func signedInBrowser(_ stack: RouteStack) throws -> (HeadlessChromium, String) {
        try #require(HeadlessChromium.isInstalled, "Debian's chromium is missing: make deps installs it")
        let browser = try HeadlessChromium()
        let base = "http://127.0.0.1:\(stack.nginx.port)"
        try browser.navigate(base + "/ui/")
        #expect(try browser.text("location.pathname") == "/ui/login", "a page without a session goes to the login form")
        try browser.waitingForLoad {
            _ = try browser.evaluate("""
                document.querySelector('#api_key').value = \(Self.quoted(stack.key));
                document.querySelector('form').submit(); true
                """)
        }
        #expect(try browser.text("location.pathname") == "/ui/")
        return (browser, base)
    }

    @Test func everyPageLoadsCleanlyShowsTheAPIsFiguresAndIsSaved() throws {
        let stack = try RouteStack.shared()
        // Which sources each seeded run harvested, so the overview has a last harvest to show.
        try stack.connection.execute("""
            UPDATE harvest_runs SET cursors = '{"jira": "2026-01-18T20:00:00Z", "github": "2026-01-18T20:00:00Z"}' WHERE id = 1;
            UPDATE harvest_runs SET cursors = '{"jira": "2026-01-19T08:00:00Z"}' WHERE id = 2;
            """)
        try Self.ingestDeliveries(stack)
        // Two finished histories for the flow page, stored as the harvest stores them.
        try stack.connection.execute("""
            INSERT INTO issue_histories (issue_key, complete, entries) VALUES ('STORY-1', true, 2), ('STORY-2', true, 2);
            INSERT INTO issue_transitions (issue_key, changelog_id, field, changed_at, from_value, to_value, from_id, to_id,
                                           from_category, to_category, history_order)
            VALUES ('STORY-1', '11', 'status', '2026-01-05T09:00:00Z', 'To Do', 'In Progress', '1', '3', 'new', 'indeterminate', 11),
                   ('STORY-1', '12', 'status', '2026-01-07T15:00:00Z', 'In Progress', 'Done', '3', '5', 'indeterminate', 'done', 12),
                   ('STORY-2', '21', 'status', '2026-01-06T09:00:00Z', 'To Do', 'In Progress', '1', '3', 'new', 'indeterminate', 21),
                   ('STORY-2', '22', 'status', '2026-01-12T09:00:00Z', 'In Progress', 'Done', '3', '5', 'indeterminate', 'done', 22);
            UPDATE issues SET status = 'Done', status_category = 'done' WHERE issue_key IN ('STORY-1', 'STORY-2');
            """)
        try FlowTables.refreshEveryIssue(on: stack.connection)
        // Reviews in the last days for the team page: jdoe is reviewed by the two others.
        try stack.connection.execute("""
            INSERT INTO interactions (kind, actor, target, occurred_at, source, source_id)
            VALUES ('REVIEWED', 'asmith', 'jdoe', now() - interval '2 days', 'github', 'chromium-review-1'),
                   ('REVIEWED', 'asmith', 'jdoe', now() - interval '1 day', 'github', 'chromium-review-2'),
                   ('REVIEWED', 'bwu', 'jdoe', now() - interval '3 days', 'github', 'chromium-review-3'),
                   ('REVIEWED', 'jdoe', 'bwu', now() - interval '3 days', 'github', 'chromium-review-4')
            ON CONFLICT DO NOTHING;
            """)
        let (browser, base) = try signedInBrowser(stack)
        defer { browser.stop() }
        let pages = [("overview", "/ui/"), ("runs", "/ui/runs"), ("run", "/ui/runs/2"), ("anomalies", "/ui/anomalies?status=all"),
                     ("anomaly", "/ui/anomalies/1"), ("hierarchy-roots", "/ui/hierarchy"), ("hierarchy", "/ui/hierarchy?root_key=PV-1"),
                     ("issue", "/ui/issues/STORY-1"), ("flow", "/ui/flow"), ("delivery", "/ui/delivery?" + Self.doraWindow), ("team", "/ui/team"),
                     ("not-found", "/ui/anomalies/999999")]
        for (name, path) in pages {
            browser.clearConsoleErrors()
            try browser.navigate(base + path)
            #expect(try browser.text("location.pathname + location.search") == path, "\(name) was not redirected")
            // The sorting script ran: it marks each sortable header focusable.
            let sortable = try browser.evaluate("document.querySelectorAll('table.sortable').length") as? Int ?? 0
            if sortable > 0 {
                #expect(try browser.evaluate("document.querySelector('table.sortable th').tabIndex") as? Int == 0, "\(name)")
            }
            // The 404 page reports its own status, and nothing else.
            let errors = browser.currentConsoleErrors().filter { !(name == "not-found" && $0.text.contains("status of 404") && $0.text.hasSuffix(path)) }
            #expect(errors.isEmpty, "\(name): \(errors)")
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("\(name).png"))
        }

        try browser.navigate(base + "/ui/")
        for source in ["jira", "github"] {
            let shown = try browser.text("document.querySelector('#source-\(source) .issue-count').textContent")
            let total = try stack.get("/api/issues/keys?source=\(source)").document["total_count"]?.intValue
            #expect(Int(shown) == total, "\(source) issues")
        }
        let summary = try stack.get("/api/anomalies/summary").document
        for kind in summary["by_kind"]?.arrayValue ?? [] {
            let name = kind["kind"]?.stringValue ?? ""
            // The API has two states; the dashboard splits its open ones into open and acknowledged.
            let shown = try browser.evaluate("""
                (function () { var row = document.querySelector('td[data-open="\(name)"]').parentNode;
                  return Number(row.cells[1].textContent) + Number(row.cells[2].textContent); })()
                """) as? Int
            #expect(shown == kind["open"]?.intValue, "\(name)")
        }
        // The flow headline: cycle time as /api/flow gives it over the headline's window, WIP and untrusted histories.
        let headlineFrom = try browser.text("document.querySelector('#flow-headline').dataset.from")
        let headlineFlow = try stack.get("/api/flow?from=" + headlineFrom).document
        func headline(_ figure: String, _ property: String) throws -> String {
            try browser.text("document.querySelector('#flow-headline tr[data-figure=\"\(figure)\"] td').\(property)")
        }
        #expect(try headline("cycle-p50", "dataset.seconds") == (headlineFlow["cycle"]?["p50"]?.doubleValue.map { String(Int($0)) } ?? ""))
        #expect(try headline("wip", "textContent") == String(headlineFlow["wip"]?.intValue ?? -1))
        #expect(try headline("untrusted", "textContent") == String(headlineFlow["untrusted_count"]?.intValue ?? -1))

        try browser.navigate(base + "/ui/runs")
        let runs = try stack.get("/api/harvest/runs?limit=50").document["runs"]?.arrayValue?.count
        #expect(try browser.evaluate("document.querySelectorAll('#runs tbody tr').length") as? Int == runs)

        try browser.navigate(base + "/ui/anomalies?status=all")
        let anomalies = try #require(try stack.get("/api/anomalies").document["total_count"]?.intValue)
        #expect(try browser.evaluate("document.querySelectorAll('#anomalies tbody tr').length") as? Int == min(anomalies, 50))
        #expect(try browser.text("document.querySelector('#anomaly-count').textContent").contains("\(anomalies)"))

        // The tree shows the root's children; a toggle opens one, the page's script or not.
        try browser.navigate(base + "/ui/hierarchy?root_key=PV-1")
        let tree = try stack.get("/api/issues/hierarchy?root_key=PV-1&max_depth=1").document
        #expect(try browser.evaluate("document.querySelectorAll('#tree a[data-key]').length") as? Int == Self.nodeCount(tree))
        let below = try stack.get("/api/issues/hierarchy?root_key=FEAT-1&max_depth=1").document
        try browser.waitingForLoad {
            _ = try browser.evaluate("document.querySelector('#node-FEAT-1 > a.toggle').click(); true")
        }
        #expect(try browser.evaluate("document.querySelectorAll('#tree a[data-key]').length") as? Int
                    == Self.nodeCount(tree) + Self.nodeCount(below) - 1)
        #expect(try browser.text("location.hash") == "#node-FEAT-1")
        try browser.screenshot(to: Self.screenshots.appendingPathComponent("hierarchy-opened.png"))

        try browser.navigate(base + "/ui/flow")
        // The page's window: the recent ISO weeks from the Monday it names, as /api/flow gives them.
        let flowFrom = try browser.text("document.querySelector('#flow-window').dataset.from")
        #expect(flowFrom.hasSuffix("T00:00:00Z"))
        let flow = try stack.get("/api/flow?from=" + flowFrom).document
        let cycleP50 = try #require(flow["cycle"]?["p50"]?.doubleValue)
        #expect(try browser.text("document.querySelector('[data-percentile=\"cycle-p50\"]').dataset.seconds") == String(Int(cycleP50)))
        #expect(try browser.text("document.querySelector('#flow-cycle-p50').textContent") == "54.0 h")
        #expect(try browser.text("document.querySelector('#flow-done').textContent") == String(flow["done"]?.intValue ?? -1))

        try browser.navigate(base + "/ui/team")
        let reviews = try stack.get("/api/team/reviews").document
        for person in reviews["people"]?.arrayValue ?? [] {
            let id = person["id"]?.stringValue ?? ""
            let cells = try browser.text("""
                Array.from(document.querySelectorAll('tr[data-person="\(id)"] td[data-figure]')).map(function (td) {
                  return td.dataset.figure + '=' + (td.dataset.value || td.textContent); }).join(' ')
                """)
            let given = person["reviews_given"]?.intValue ?? -1, received = person["reviews_received"]?.intValue ?? -1
            let distinct = person["distinct_authors_reviewed"]?.intValue ?? -1, degree = person["weighted_degree"]?.intValue ?? -1
            let shown = cells.split(separator: " ")
            #expect(shown.prefix(4) == ["given=\(given)", "received=\(received)", "distinct=\(distinct)", "degree=\(degree)"], "\(id): \(cells)")
            let rank = shown.first { $0.hasPrefix("pagerank=") }.flatMap { Double($0.dropFirst(9)) }
            #expect(abs((rank ?? -1) - (person["pagerank"]?.doubleValue ?? -2)) < 1e-12, "\(id): \(cells)")
        }
        // The shared stack may hold other reviews too: jdoe received at least the three above.
        let jdoe = (reviews["people"]?.arrayValue ?? []).first { $0["id"] == "jdoe" }
        #expect((jdoe?["reviews_received"]?.intValue ?? 0) >= 3)
        #expect(try browser.text("document.querySelector('tr[data-person=\"jdoe\"] td[data-figure=received]').textContent")
                == String(jdoe?["reviews_received"]?.intValue ?? -1))
        #expect(try browser.evaluate("document.querySelectorAll('svg.graph line.edge').length") as? Int == reviews["edge_count"]?.intValue)
        let quiet = try stack.get("/api/team/quiet").document["quiet_count"]?.intValue ?? -1
        #expect(try browser.evaluate("document.querySelectorAll('#team-quiet tbody tr').length") as? Int ?? 0 == quiet)

        try browser.navigate(base + "/ui/issues/STORY-1")
        let issue = try stack.get("/api/issues/STORY-1").document
        #expect(try browser.text("document.querySelector('h1').textContent") == "STORY-1: " + (issue["summary"]?.stringValue ?? ""))
        #expect(try browser.text("document.querySelector('a[rel~=external]').href") == issue["url"]?.stringValue)

        try browser.navigate(base + "/ui/delivery?" + Self.doraWindow)
        let deliveryPage = try browser.text("document.documentElement.outerHTML")
        let dora = try stack.get("/api/metrics/dora?" + Self.doraWindow).document
        #expect(DoraPageFigures.summary(of: deliveryPage) == DoraPageFigures.fromAPI(dora))
        #expect(DoraPageFigures.summary(of: deliveryPage)["deployments_per_week"] == .value(1))
        for week in DoraPageFigures.periods(of: deliveryPage) {
            let api = try stack.get("/api/metrics/dora?from=\(week.from)&to=\(week.to)").document
            #expect(week.figures == DoraPageFigures.fromAPI(api), "week of \(week.from)")
        }

        // nginx compresses the pages and files (the browser asks for it), not the API's JSON.
        let page = try stack.nginx.client.get("/ui/login", headers: [("Accept-Encoding", "gzip")])
        #expect(page.header("Content-Encoding") == "gzip")
        let json = try stack.nginx.client.get("/api/issues/keys", headers: [("X-API-Key", stack.key), ("Accept-Encoding", "gzip")])
        #expect(json.header("Content-Encoding") == nil)
    }

    @Test func acknowledgingAnAnomalyInTheBrowserTakesItOffTheOpenList() throws {
        let stack = try RouteStack.shared()
        let (browser, base) = try signedInBrowser(stack)
        defer { browser.stop() }
        try browser.navigate(base + "/ui/anomalies")
        let id = try browser.text("document.querySelector('#anomalies tbody tr').dataset.anomaly")
        try #require(!id.isEmpty)
        try browser.waitingForLoad {
            _ = try browser.evaluate("""
                (function () { var row = document.querySelector('tr[data-anomaly="\(id)"]');
                  row.querySelector('input[name=note]').value = 'known: parent lives in another project';
                  row.querySelector('form button').click(); return true; })()
                """)
        }
        #expect(try browser.text("location.pathname") == "/ui/anomalies/\(id)")
        let triage = try browser.text("document.querySelector('p.ack').textContent")
        #expect(triage.hasPrefix("Acknowledged by nginx-routes"))
        #expect(triage.hasSuffix("known: parent lives in another project"))
        #expect(browser.currentConsoleErrors().isEmpty, "\(browser.currentConsoleErrors())")
        try browser.screenshot(to: Self.screenshots.appendingPathComponent("anomaly-acknowledged.png"))

        try browser.navigate(base + "/ui/anomalies")
        #expect(try browser.evaluate("document.querySelector('tr[data-anomaly=\"\(id)\"]') === null") as? Bool == true)
        try browser.navigate(base + "/ui/anomalies/\(id)")
        try browser.waitingForLoad { _ = try browser.evaluate("document.querySelector('main form button').click(); true") }
        try browser.navigate(base + "/ui/anomalies")
        #expect(try browser.evaluate("document.querySelector('tr[data-anomaly=\"\(id)\"]') !== null") as? Bool == true,
                "reopened, it is back on the open list")
    }

    /// The page's own script disabled (DevTools still fills and submits the form as a person would).
    @Test func reloadButtonWorksWithThePagesScriptOff() throws {
        let stack = try RouteStack.shared()
        let (browser, base) = try signedInBrowser(stack)
        defer { browser.stop() }
        try browser.call("Emulation.setScriptExecutionDisabled", ["value": true])
        try browser.navigate(base + "/ui/runs")
        #expect(try browser.evaluate("document.querySelector('table.sortable th').tabIndex") as? Int == -1,
                "the sorting script did not run")
        try browser.waitingForLoad {
            _ = try browser.evaluate("document.querySelector('input[name=force]').checked = true; document.querySelector('#reload').click(); true")
        }
        let search = try browser.text("location.search")
        #expect(search.hasPrefix("?reload="), "\(search)")
        let id = Int(search.dropFirst("?reload=".count)) ?? -1
        let row = try stack.connection.query("SELECT requested_by, force FROM reload_requests WHERE id = $1", [id])
        #expect(try row.first?.get("requested_by", as: String.self) == "nginx-routes")
        #expect(try row.first?.get("force", as: Bool.self) == true)
        #expect(try browser.text("document.querySelector('p.notice').textContent").hasPrefix("Reload \(id) queued"))
    }

    @Test func sessionCookieIsHttpOnlyStrictAndLogoutEndsIt() throws {
        let stack = try RouteStack.shared()
        let (browser, base) = try signedInBrowser(stack)
        defer { browser.stop() }
        let cookies = try browser.call("Network.getCookies", ["urls": [base + "/ui/"]])["cookies"] as? [[String: Any]] ?? []
        let session = try #require(cookies.first { $0["name"] as? String == "ws_session" })
        #expect(session["httpOnly"] as? Bool == true)
        #expect(session["sameSite"] as? String == "Strict")
        #expect(session["secure"] as? Bool == false, "plain HTTP on loopback: not Secure")
        #expect(session["path"] as? String == "/ui/")
        #expect(try browser.evaluate("document.cookie") as? String == "", "no script can read it")
        try browser.waitingForLoad { _ = try browser.evaluate("document.querySelector('.viewer form button').click(); true") }
        #expect(try browser.text("location.pathname") == "/ui/login")
        try browser.navigate(base + "/ui/runs")
        #expect(try browser.text("location.pathname") == "/ui/login")
        try browser.screenshot(to: Self.screenshots.appendingPathComponent("login.png"))
    }

    static let doraWindow = "from=2026-03-02&to=2026-03-30"

    /// A CI tool's deployments and a pager's incident through nginx's ingest, for the delivery page.
    static func ingestDeliveries(_ stack: RouteStack) throws {
        let headers = [("X-API-Key", stack.key), ("Content-Type", "application/json")]
        let bodies = [
            #"{"kind":"deployment","id":"c1","repo":"acme/shop","environment":"production","status":"success","started_at":"2026-03-03T09:00:00Z","finished_at":"2026-03-03T09:10:00Z"}"#,
            #"{"kind":"deployment","id":"c2","repo":"acme/shop","environment":"production","status":"failure","started_at":"2026-03-05T09:00:00Z","finished_at":"2026-03-05T09:05:00Z"}"#,
            #"{"kind":"deployment","id":"c3","repo":"acme/shop","environment":"production","status":"success","started_at":"2026-03-05T11:00:00Z","finished_at":"2026-03-05T11:05:00Z"}"#,
            #"{"kind":"deployment","id":"c4","repo":"acme/web","environment":"production","ref":"hotfix/x","status":"success","started_at":"2026-03-12T15:00:00Z"}"#,
            #"{"kind":"deployment","id":"c5","repo":"acme/web","environment":"production","status":"success","started_at":"2026-03-24T15:00:00Z"}"#,
            #"{"kind":"incident","id":"p1","repo":"acme/shop","created_at":"2026-03-05T12:00:00Z","resolved_at":"2026-03-05T15:00:00Z","deployment_id":"c3"}"#,
        ]
        for body in bodies {
            let response = try stack.send("POST", "/api/ingest/chromium-ci", headers: headers, body: body)
            #expect(response.status == 200, "\(body): \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    static func nodeCount(_ document: JSONValue) -> Int {
        func count(_ nodes: [JSONValue]) -> Int { nodes.reduce(0) { $0 + 1 + count($1["children"]?.arrayValue ?? []) } }
        return count(document["hierarchy"]?.arrayValue ?? [])
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
