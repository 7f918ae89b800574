import Foundation
import JSON
import TestKit
import Testing

/// Every route and filter of DESIGN.md's API table as clients reach it: real nginx with the
/// shipped site → the pool (2 workers) → PostgreSQL with SeedData. One stack for the suite; the
/// tests only read, except `reloadLifecycle`, the one writer of reload requests.
@Suite(.routeStack) struct RoutesThroughNginxTests {
    static func keys(_ response: HTTPTestClient.Response) -> [String] {
        response.document["issue_keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static func ids(_ list: JSONValue?, _ field: String = "id") -> [Int] {
        let items: [JSONValue] = list?.arrayValue ?? []
        return items.compactMap { (item: JSONValue) -> Int? in item[field]?.intValue }
    }

    @Test func healthOpenAPIAndMetricsNeedNoKey() throws {
        let stack = try RouteStack.shared()
        let health = try stack.get("/health", headers: [])
        #expect(health.status == 200)
        #expect(health.isJSON)
        #expect(health.document["status"] == "ok")
        #expect(health.document["database"] == "ok")
        #expect(health.document["last_harvest"]?["id"] == 4, "the newest run of the seed")
        let head = try stack.send("HEAD", "/health", headers: [])
        #expect(head.status == 200)
        #expect(head.body.isEmpty)

        let openAPI = try stack.get("/api/openapi.json", headers: [])
        #expect(openAPI.status == 200)
        #expect(openAPI.document["openapi"] == "3.1.0")
        let paths = Set(openAPI.document["paths"]?.objectValue?.keys.map { $0 } ?? [])
        #expect(paths.isSuperset(of: [
            "/health", "/metrics", "/api/openapi.json", "/api/issues/keys", "/api/issues/hierarchy", "/api/issues/{key}",
            "/api/harvest/reload", "/api/harvest/reload/{id}", "/api/harvest/runs", "/api/harvest/runs/{id}",
            "/api/anomalies", "/api/anomalies/summary", "/api/releases", "/api/releases/{name}",
            "/api/ingest/github", "/api/ingest/jira",
        ]))
    }

    @Test(arguments: [
        ("source=github", ["acme/api#1", "acme/api#2", "acme/api#3", "acme/api#4", "acme/web#7", "acme/web#8"]),
        ("assignee=John+Doe", ["FEAT-2", "PV-1", "STORY-1", "STORY-4", "TASK-1", "acme/api#1", "acme/api#2"]),
        ("assignee=John%20Doe", ["FEAT-2", "PV-1", "STORY-1", "STORY-4", "TASK-1", "acme/api#1", "acme/api#2"]),
        ("assignee=acc-jdoe", ["FEAT-2", "PV-1", "STORY-1", "STORY-4", "TASK-1", "acme/api#1", "acme/api#2"]),
        ("assignee=John-Doe", ["FEAT-2", "PV-1", "STORY-1", "STORY-4", "TASK-1", "acme/api#1", "acme/api#2"]),
        ("assignee=acc-stranger", ["TASK-2", "UNK-1"]),
        ("assignee=bwu&assignee=asmith", ["CA-1", "FEAT-1", "STORY-2", "acme/api#3", "acme/web#7"]),
        ("label=backend", ["STORY-1", "STORY-2", "acme/api#1"]),
        ("label=work-support&label=frontend", ["STORY-3", "acme/api#3"]),
        ("label=backend&label=release-1", []),
        ("issue_type=Feature", ["FEAT-1", "FEAT-2", "FEAT-3"]),
        ("issue_type=10000", ["FEAT-1", "FEAT-2", "FEAT-3"]),
        ("issue_type=product+version", ["PV-1", "PV-2"]),
        ("parent_key=FEAT-1", ["STORY-1", "STORY-2"]),
        ("parent_key=STORY-1&parent_key=FEAT-3", ["TASK-2", "acme/api#1"]),
        ("status=Done", ["FEAT-2", "STORY-2", "TASK-1"]),
        ("status=In%20Progress", ["FEAT-1", "PV-1", "STORY-1"]),
        ("updated_since=2026-01-15T10:00:00Z", ["acme/api#3", "acme/api#4", "acme/web#7", "acme/web#8"]),
        ("updated_since=2026-01-15T12:00:00%2B02:00", ["acme/api#3", "acme/api#4", "acme/web#7", "acme/web#8"]),
        ("source=jira&assignee=jdoe&status=Done", ["FEAT-2", "TASK-1"]),
        ("&&source=github&&label=docs&", ["acme/web#8"]),
    ])
    func issueKeysFilter(query: String, expected: [String]) throws {
        let response = try RouteStack.shared().get("/api/issues/keys?" + query)
        #expect(response.status == 200, "\(response.text)")
        #expect(Self.keys(response) == expected)
        #expect(response.document["total_count"] == .int(Int64(expected.count)))
        #expect(response.document["harvested_at"] == "2026-01-19T08:04:00Z")
        #expect(response.document["next_cursor"] == nil)
    }

    @Test func issueKeysPagesWalkEveryKeyOnceWithTheTotalOnEachPage() throws {
        let stack = try RouteStack.shared()
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let response = try stack.get("/api/issues/keys?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(response.status == 200, "\(response.text)")
            #expect(response.document["total_count"] == .int(Int64(SeedData.issues.count)))
            seen += Self.keys(response)
            cursor = response.document["next_cursor"]?.stringValue
            pages += 1
        } while cursor != nil && pages < 20
        #expect(seen == SeedData.allKeys)
        #expect(pages == 7)
        let all = try stack.get("/api/issues/keys?limit=100")
        #expect(Self.keys(all) == SeedData.allKeys)
        #expect(all.document["next_cursor"] == nil)
    }

    @Test(arguments: [
        ("", ["PV-1", "PV-2"], 13), ("max_depth=1", ["PV-1", "PV-2"], 6), ("max_depth=2", ["PV-1", "PV-2"], 12),
        ("max_depth=10", ["PV-1", "PV-2"], 13), ("root_key=FEAT-1", ["FEAT-1"], 4),
        ("root_key=FEAT-1&max_depth=1", ["FEAT-1"], 3), ("root_type=Customer+Adoption&max_depth=1", ["CA-1"], 2),
        ("root_type=11140", ["CA-1"], 2), ("root_key=FEAT-1&root_type=Product%20Version", [], 0),
        ("root_key=NOPE-1", [], 0),
    ])
    func hierarchyParameters(query: String, roots: [String], total: Int) throws {
        let response = try RouteStack.shared().get("/api/issues/hierarchy?" + query)
        #expect(response.status == 200, "\(response.text)")
        let trees = response.document["hierarchy"]
        #expect(trees?.arrayValue?.compactMap { $0["issue_key"]?.stringValue } == roots)
        #expect(response.document["total_count"] == .int(Int64(total)))
    }

    @Test func hierarchyNodesNestChildrenWithTheirFields() throws {
        let response = try RouteStack.shared().get("/api/issues/hierarchy?root_key=PV-1&max_depth=3")
        let root = response.document["hierarchy"]?[0]
        #expect(root?["children"]?.arrayValue?.compactMap { $0["issue_key"]?.stringValue } == ["CA-1", "FEAT-1", "FEAT-2"])
        let feature = root?["children"]?[1]
        #expect(feature?["summary"] == "Summary of FEAT-1")
        #expect(feature?["issue_type"] == "Feature")
        #expect(feature?["status"] == "In Progress")
        #expect(feature?["assignee_name"] == "Anna Smith")
        #expect(feature?["children"]?[0]?["children"]?[0]?["issue_key"] == "acme/api#1")
    }

    @Test func oneIssueWithParentChildrenAndAnomalies() throws {
        let stack = try RouteStack.shared()
        let feature = try stack.get("/api/issues/FEAT-1")
        #expect(feature.status == 200)
        #expect(feature.document["issue_type"] == ["id": 10000, "name": "Feature"])
        #expect(feature.document["assignee_member"]?["name"] == "Anna Smith")
        #expect(feature.document["parent"]?["issue_key"] == "PV-1")
        #expect(feature.document["children"] == ["STORY-1", "STORY-2"])
        let unknown = try stack.get("/api/issues/UNK-1").document
        #expect(unknown["anomalies"]?.arrayValue?.compactMap { $0["kind"]?.stringValue }
                == ["unassigned_member", "unknown_issue_type"])
        let web = try stack.get("/api/issues/acme%2Fweb%238")
        #expect(web.document["labels"] == ["work-support", "docs"])
        let absent = try stack.get("/api/issues/NOPE-1")
        #expect(absent.status == 404)
        #expect(absent.errorCode == "not_found")
        #expect(absent.isJSON)
    }

    /// The only test that writes reload requests: the seed's two, then this test's.
    @Test func reloadLifecycle() throws {
        let stack = try RouteStack.shared()
        let seeded = try stack.get("/api/harvest/reload")
        #expect(Self.ids(seeded.document["reloads"], "reload_id") == [2, 1])
        let completed = try stack.get("/api/harvest/reload/1").document
        #expect(completed["status"] == "completed")
        #expect(completed["records_processed"] == 20)
        #expect(completed["issues_deleted"] == 2)
        #expect(try stack.get("/api/harvest/reload/99").status == 404)
        #expect(try stack.get("/api/harvest/reload/abc").errorParameter == "id")

        let first = try stack.send("POST", "/api/harvest/reload")
        #expect(first.status == 202)
        let id = try #require(first.document["reload_id"]?.intValue)
        #expect(first.header("Location") == "/api/harvest/reload/\(id)")
        #expect(first.document["status"] == "queued")
        #expect(first.document["reload_started"] == false)
        let conflict = try stack.send("POST", "/api/harvest/reload")
        #expect(conflict.status == 409)
        #expect(conflict.errorCode == "reload_in_progress")
        let json: [(String, String)] = [("X-API-Key", stack.key), ("Content-Type", "application/json")]
        let form: [(String, String)] = [("X-API-Key", stack.key), ("Content-Type", "application/x-www-form-urlencoded")]
        let xmlHeaders: [(String, String)] = [("X-API-Key", stack.key), ("Content-Type", "text/xml")]
        #expect(try stack.send("POST", "/api/harvest/reload?force=true").status == 202)
        #expect(try stack.send("POST", "/api/harvest/reload", headers: json, body: #"{"force": true}"#).status == 202)
        #expect(try stack.send("POST", "/api/harvest/reload", headers: form, body: "force=true").status == 202)
        #expect(try stack.send("POST", "/api/harvest/reload", headers: json, body: #"{"force": "yes"}"#).errorParameter == "force")
        let xml = try stack.send("POST", "/api/harvest/reload", headers: xmlHeaders, body: "<force/>")
        #expect(xml.status == 415)
        #expect(xml.errorCode == "unsupported_media_type")

        let queued = try stack.get("/api/harvest/reload?status=queued").document
        let queuedIDs: [Int] = Self.ids(queued["reloads"], "reload_id")
        #expect(queuedIDs == [id + 3, id + 2, id + 1, id])
        #expect(queued["reloads"]?[0]?["requested_by"] == "nginx-routes")
        #expect(queued["reloads"]?[0]?["force"] == true)
        let page = try stack.get("/api/harvest/reload?limit=1").document
        let pageIDs: [Int] = Self.ids(page["reloads"], "reload_id")
        #expect(pageIDs == [id + 3])
        #expect(page["total_count"] == 6)
        #expect(try stack.get("/api/harvest/reload/\(id)").document["status"] == "queued")
    }

    @Test func harvestRunsAndTheirErrors() throws {
        let stack = try RouteStack.shared()
        for (query, expected) in [("", [4, 3, 2, 1]), ("?status=failed", [3]), ("?kind=manual", [2]),
                                  ("?kind=scheduled&status=completed", [1]), ("?limit=2", [4, 3])] as [(String, [Int])] {
            let response = try stack.get("/api/harvest/runs" + query)
            #expect(response.status == 200)
            #expect(Self.ids(response.document["runs"]) == expected, "\(query)")
        }
        let run = try stack.get("/api/harvest/runs/2").document
        #expect(run["status"] == "partial")
        #expect(run["errors"]?.arrayValue?.compactMap { $0["item_key"]?.stringValue } == ["FEAT-9", "acme/api#99"])
        #expect(run["errors"]?[1]?["http_status"] == 429)
        #expect(try stack.get("/api/harvest/runs/42").status == 404)
        #expect(try stack.get("/api/harvest/runs/0").errorParameter == "id")
    }

    @Test(arguments: [
        ("", ["unknown_issue_type", "unassigned_member", "orphan_parent", "missing_release"]),
        ("?status=open", ["unknown_issue_type", "unassigned_member", "orphan_parent"]),
        ("?status=resolved", ["missing_release"]),
        ("?kind=orphan_parent", ["orphan_parent"]),
        ("?issue_key=UNK-1", ["unknown_issue_type", "unassigned_member"]),
        ("?assignee=acc-stranger", ["unknown_issue_type", "unassigned_member"]),
        ("?status=open&kind=orphan_parent&issue_key=ORPH-1", ["orphan_parent"]),
        ("?status=resolved&kind=orphan_parent", []),
    ])
    func anomalyFilters(query: String, kinds: [String]) throws {
        let response = try RouteStack.shared().get("/api/anomalies" + query)
        #expect(response.status == 200)
        #expect(response.document["anomalies"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } == kinds)
        #expect(response.document["total_count"] == .int(Int64(kinds.count)))
    }

    @Test func anomalySummaryCountsByKindAndStatus() throws {
        let summary = try RouteStack.shared().get("/api/anomalies/summary").document
        #expect(summary["open"] == 3)
        #expect(summary["resolved"] == 1)
        let missing = summary["by_kind"]?.arrayValue?.first { $0["kind"] == "missing_release" }
        #expect(missing?["open"] == 0)
        #expect(missing?["resolved"] == 1)
    }

    @Test func releasesListAndOneReleaseByPercentEncodedName() throws {
        let stack = try RouteStack.shared()
        let list = try stack.get("/api/releases").document
        #expect(list["releases"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["2026.1", "2026.2 beta"])
        #expect(list["releases"]?[0]?["projects"] == ["FEAT", "PV"])
        #expect(list["releases"]?[0]?["issue_count"] == 3)
        #expect(list["releases"]?[0]?["released"] == true)
        #expect(list["releases"]?[1]?["release_date"] == .null)
        let first = try stack.get("/api/releases/2026.1").document
        #expect(first["counts"]?["by_via"]?["label"] == 1)
        #expect(first["counts"]?["by_via"]?["parent"] == 2)
        #expect(first["issues"]?.arrayValue?.compactMap { $0["issue_key"]?.stringValue } == ["FEAT-1", "PV-1", "STORY-1"])
        let beta = try stack.get("/api/releases/2026.2%20beta")
        #expect(beta.status == 200, "\(beta.text)")
        #expect(beta.document["name"] == "2026.2 beta")
        #expect(beta.document["issues"]?[0]?["via"] == "fix_version")
        let absent = try stack.get("/api/releases/9.9")
        #expect(absent.status == 404)
        #expect(absent.errorCode == "not_found")
    }

    @Test func metricsCountRequestsByRouteAndStatusOnlyForLocalhost() throws {
        let stack = try RouteStack.shared()
        #expect(try stack.get("/api/anomalies/summary").status == 200)
        #expect(try stack.get("/api/anomalies/summary", headers: []).status == 401)
        let metrics = try stack.get("/metrics", headers: [])
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        func value(_ series: String) -> Int {
            metrics.text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
                .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        }
        #expect(value(#"worksupport_http_requests_total{route="anomaly_summary",status="200"}"#) >= 1)
        #expect(value(#"worksupport_http_requests_total{route="anomaly_summary",status="401"}"#) >= 1)
        #expect(value(#"worksupport_http_request_duration_seconds_count{route="anomaly_summary"}"#) >= 2)
        #expect(value("worksupport_api_key_rejections_total") >= 1)
        // Any other client (here 127.0.0.2) is refused by nginx before the pool.
        var remote = stack.nginx.client
        remote.sourceAddress = "127.0.0.2"
        #expect(try remote.get("/metrics").status == 403)
        #expect(try remote.get("/status").status == 403)
        #expect(try remote.get("/health").status == 200)
    }

    static let keyedRoutes: [(String, String)] = [
        ("GET", "/api/issues/keys"), ("GET", "/api/issues/hierarchy"), ("GET", "/api/issues/PV-1"),
        ("POST", "/api/harvest/reload"), ("GET", "/api/harvest/reload"), ("GET", "/api/harvest/reload/1"),
        ("GET", "/api/harvest/runs"), ("GET", "/api/harvest/runs/1"), ("GET", "/api/anomalies"),
        ("GET", "/api/anomalies/summary"), ("GET", "/api/releases"), ("GET", "/api/releases/2026.1"),
    ]

    @Test func everyKeyedRouteWithoutAKeyIs401JSON() throws {
        let stack = try RouteStack.shared()
        for (method, path) in Self.keyedRoutes {
            let response = try stack.send(method, path, headers: [])
            #expect(response.status == 401, "\(method) \(path)")
            #expect(response.errorCode == "unauthorized", "\(method) \(path)")
            #expect(response.header("WWW-Authenticate") == "Bearer", "\(method) \(path)")
        }
    }

    @Test func badOrRevokedKeysAre401() throws {
        let stack = try RouteStack.shared()
        let refused: [[(String, String)]] = [
            [("X-API-Key", "wsk_not-a-key")], [("Authorization", "Bearer wsk_not-a-key")],
            [("X-API-Key", stack.revokedKey)], [("Authorization", "Bearer \(stack.revokedKey)")],
            [("Authorization", "Basic \(stack.key)")], [("Authorization", "Bearer")],
            [("X-API-Key", String(stack.key.dropLast()))], [("X-API-Key", String(repeating: "k", count: 300))],
        ]
        for headers in refused {
            let response = try stack.get("/api/issues/keys", headers: headers)
            #expect(response.status == 401, "\(headers)")
            #expect(response.errorCode == "unauthorized", "\(headers)")
        }
        #expect(try stack.get("/api/issues/keys?source=github", headers: [("Authorization", "bearer \(stack.key)")]).status == 200)
    }

    @Test(arguments: [
        ("/api/issues/keys?source=bitbucket", "source"), ("/api/issues/keys?limit=0", "limit"),
        ("/api/issues/keys?limit=101", "limit"), ("/api/issues/keys?cursor=%25%25", "cursor"),
        ("/api/issues/keys?cursor=bm9wZQ=", "cursor"), ("/api/issues/keys?updated_since=2026-01-01", "updated_since"),
        ("/api/issues/keys?updated_since=2026-13-01T00:00:00Z", "updated_since"), ("/api/issues/keys?assigne=jdoe", "assigne"),
        ("/api/issues/keys?label=a%zz", "label"), ("/api/issues/keys?status=%C3%28", "status"),
        ("/api/issues/keys?status=%", "status"), ("/api/issues/keys?source", "source"),
        ("/api/issues/keys?%zz=1", "%zz"), ("/api/issues/keys?=jira", ""),
        ("/api/issues/keys?limit=5&limit=6", "limit"), ("/api/issues/hierarchy?max_depth=0", "max_depth"),
        ("/api/issues/hierarchy?max_depth=deep", "max_depth"), ("/api/issues/hierarchy?root_type=", "root_type"),
        ("/api/issues/PV-1?expand=all", "expand"), ("/api/harvest/reload?limit=101", "limit"),
        ("/api/harvest/reload?status=done", "status"), ("/api/harvest/runs?kind=cron", "kind"),
        ("/api/harvest/runs?limit=-1", "limit"), ("/api/anomalies?status=closed", "status"),
        ("/api/anomalies/summary?kind=x", "kind"), ("/api/releases?name=1", "name"),
        ("/health?verbose=1", "verbose"),
    ])
    func invalidQueryIs400NamingTheParameter(target: String, parameter: String) throws {
        let response = try RouteStack.shared().get(target)
        #expect(response.status == 400, "\(response.text)")
        #expect(response.isJSON)
        #expect(["invalid_parameter", "unknown_parameter"].contains(response.errorCode ?? ""), "\(response.text)")
        #expect(response.errorParameter == parameter, "\(response.text)")
        #expect(response.document["error"]?["message"]?.stringValue?.contains("'\(parameter)'") == true, "\(response.text)")
    }

    /// Escapes nginx accepts but that are not UTF-8 reach the pool (invalid_path); a malformed
    /// escape or %00 nginx refuses itself, in the same JSON shape (invalid_request).
    @Test(arguments: [
        ("/api/issues/%C3%28", "invalid_path"), ("/api/releases/%FF", "invalid_path"),
        ("/api/issues/AB%zz", "invalid_request"), ("/api/issues/AB%00-1", "invalid_request"),
        ("/api/issues/keys?status=a%00b", "invalid_parameter"),
    ])
    func malformedPercentEncodingIs400(target: String, code: String) throws {
        let response = try RouteStack.shared().get(target)
        #expect(response.status == 400, "\(target): \(response.text)")
        #expect(response.isJSON, "\(target)")
        #expect(response.errorCode == code, "\(target)")
    }

    @Test(arguments: [
        ("GET", "/api/nothing-here", 404, nil), ("GET", "/api", 404, nil), ("GET", "/api/harvest/runs/", 404, nil),
        ("DELETE", "/api/issues/FEAT-1", 405, "GET, HEAD"), ("PUT", "/api/harvest/reload", 405, "GET, HEAD, POST"),
        ("POST", "/health", 405, "GET, HEAD"), ("GET", "/api/ingest/github", 405, "POST"),
        ("PATCH", "/api/releases", 405, "GET, HEAD"),
        // nginx refuses TRACE itself; the shipped site answers in the same shape.
        ("TRACE", "/api/harvest/reload", 405, "GET, HEAD, POST"), ("TRACE", "/api/issues/FEAT-1", 405, "GET, HEAD"),
        ("TRACE", "/api/ingest/jira", 405, "POST"),
    ] as [(String, String, Int, String?)])
    func unknownRoutesAre404AndWrongMethods405WithAllow(method: String, path: String, status: Int, allow: String?) throws {
        let response = try RouteStack.shared().send(method, path)
        #expect(response.status == status, "\(method) \(path): \(response.text)")
        #expect(response.isJSON)
        #expect(response.errorCode == (status == 404 ? "not_found" : "method_not_allowed"))
        #expect(response.header("Allow") == allow)
        if status == 405 {
            // nginx serves its error page as GET: its message must not name that method.
            let message = response.document["error"]?["message"]?.stringValue ?? ""
            #expect(message.hasPrefix(method) || message.hasPrefix("this method"), "\(message)")
        }
    }

    @Test func oversizedRequestLinesAndHeaderSetsAreRefusedByNginx() throws {
        let stack = try RouteStack.shared()
        let longLine = try stack.get("/api/issues/keys?label=" + String(repeating: "x", count: 20_000))
        #expect(longLine.status == 414)
        #expect(longLine.errorCode == "uri_too_long")
        let padding = String(repeating: "y", count: 15_000)
        var headers: [(String, String)] = [("X-API-Key", stack.key)]
        for index in 1...5 { headers.append(("X-Padding-\(index)", padding)) }
        let manyHeaders = try stack.get("/api/issues/keys", headers: headers)
        #expect(manyHeaders.status == 400)
        #expect(manyHeaders.isJSON)
        #expect(manyHeaders.errorCode == "header_too_large")
        #expect(try stack.get("/api/issues/keys?label=docs").status == 200, "the pool is unharmed")
    }

    /// The seed has no histories: every Jira issue is listed as `history_missing`, none done.
    @Test func flowAndTransitionsThroughNginx() throws {
        let stack = try RouteStack.shared()
        let flow = try stack.get("/api/flow?team=true&from=2026-01-01&to=2027-01-01")
        #expect(flow.status == 200 && flow.isJSON)
        #expect(flow.document["done"] == 0 && flow.document["cycle"]?["count"] == 0)
        let untrusted = flow.document["untrusted"]?.arrayValue ?? []
        #expect(!untrusted.isEmpty && untrusted.allSatisfy { $0["problems"] == ["history_missing"] })
        #expect(flow.document["untrusted_count"]?.intValue == untrusted.count)
        let reversed = try stack.get("/api/flow?from=2027-01-01&to=2026-01-01")
        #expect(reversed.status == 400 && reversed.errorCode == "invalid_parameter")

        let jira = try stack.get("/api/issues/FEAT-1/transitions")
        #expect(jira.status == 200)
        #expect(jira.document["history"]?["complete"] == false && jira.document["history"]?["reason"] == "history never fetched")
        #expect(jira.document["transitions"] == [] && jira.document["problems"] == ["history_missing"])
        let github = try stack.get("/api/issues/acme%2Fapi%231/transitions")
        #expect(github.status == 200 && github.document["source"] == "github")
        #expect(github.document["problems"] == [])
        let missing = try stack.get("/api/issues/NOPE-9/transitions")
        #expect(missing.status == 404 && missing.errorCode == "not_found")
    }
}
