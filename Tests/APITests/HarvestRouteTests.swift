import Foundation
import JSON
import Testing

@Suite struct HarvestRouteTests {
    @Test func reloadIsQueuedWith202() throws {
        let fixture = try APIFixture()
        let response = fixture.request("POST", "/api/harvest/reload")
        #expect(response.status == 202)
        let id = try #require(response.json["reload_id"]?.intValue)
        #expect(response.json["status"] == "queued")
        #expect(response.json["reload_started"] == false)
        #expect(response.header("location") == "/api/harvest/reload/\(id)")
        let row = try fixture.connection.query("SELECT status, requested_by, force FROM reload_requests WHERE id = $1", [id])[0]
        #expect(try row.get("status") as String == "queued")
        #expect(try row.get("requested_by") as String == "tests")
    }

    @Test func secondReloadWhileOneIsQueuedIs409() throws {
        let fixture = try APIFixture()
        #expect(fixture.request("POST", "/api/harvest/reload").status == 202)
        let second = fixture.request("POST", "/api/harvest/reload")
        #expect(second.status == 409)
        #expect(second.errorCode == "reload_in_progress")
    }

    @Test func reloadWhileOneIsRunningIs409() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute("INSERT INTO reload_requests (status, started_at) VALUES ('running', now())")
        #expect(fixture.request("POST", "/api/harvest/reload").status == 409)
    }

    @Test func forceQueuesAnotherInQueryOrBody() throws {
        let fixture = try APIFixture()
        #expect(fixture.request("POST", "/api/harvest/reload").status == 202)
        #expect(fixture.request("POST", "/api/harvest/reload?force=true").status == 202)
        #expect(fixture.request("POST", "/api/harvest/reload", headers: ["content-type": "application/json"],
                                body: #"{"force": true}"#).status == 202)
        #expect(fixture.request("POST", "/api/harvest/reload",
                                headers: ["content-type": "application/x-www-form-urlencoded"],
                                body: "force=true").status == 202)
        let queued: Int = try fixture.connection.query(
            "SELECT count(*) AS n FROM reload_requests WHERE status = 'queued'")[0].get("n")
        #expect(queued == 4)
    }

    @Test func badBodiesAreRefused() throws {
        let fixture = try APIFixture()
        let json = ["content-type": "application/json"]
        #expect(fixture.request("POST", "/api/harvest/reload", headers: json, body: "{").errorCode == "invalid_body")
        #expect(fixture.request("POST", "/api/harvest/reload", headers: json, body: #"{"force":"yes"}"#).errorParameter == "force")
        #expect(fixture.request("POST", "/api/harvest/reload", headers: json, body: #"{"full":true}"#).errorParameter == "full")
        let xml = fixture.request("POST", "/api/harvest/reload", headers: ["content-type": "text/xml"], body: "<a/>")
        #expect(xml.status == 415)
        #expect(fixture.request("POST", "/api/harvest/reload?force=maybe").errorParameter == "force")
    }

    @Test func configuredStartCommandIsRunDetached() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID().uuidString)").path
        let fixture = try APIFixture(startCommand: "echo started > \(marker)")
        let response = fixture.request("POST", "/api/harvest/reload")
        #expect(response.json["reload_started"] == true)
        defer { try? FileManager.default.removeItem(atPath: marker) }
        // The shell backgrounds the command; poll with a deadline for its output.
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func reloadStatusShowsTheRequest() throws {
        let fixture = try APIFixture()
        let reload = fixture.get("/api/harvest/reload/1").json
        #expect(reload["reload_id"] == 1)
        #expect(reload["status"] == "completed")
        #expect(reload["records_processed"] == 20)
        #expect(reload["issues_deleted"] == 2)
        #expect(reload["completed_at"] == "2026-01-18T20:05:00Z")
        #expect(reload["error_message"] == .null)
        #expect(fixture.get("/api/harvest/reload/99").status == 404)
        #expect(fixture.get("/api/harvest/reload/abc").errorParameter == "id")
    }

    @Test func reloadListIsNewestFirstWithLimitAndStatus() throws {
        let fixture = try APIFixture()
        let all = fixture.get("/api/harvest/reload").json
        #expect(all["reloads"]?.arrayValue?.compactMap { $0["reload_id"]?.intValue } == [2, 1])
        #expect(all["total_count"] == 2)
        let limited = fixture.get("/api/harvest/reload?limit=1").json
        #expect(limited["reloads"]?.arrayValue?.count == 1)
        #expect(limited["total_count"] == 2)
        let failed = fixture.get("/api/harvest/reload?status=failed").json
        #expect(failed["reloads"]?[0]?["error_message"] == "jira unreachable")
        #expect(fixture.get("/api/harvest/reload?status=done").errorParameter == "status")
        #expect(fixture.get("/api/harvest/reload?limit=101").errorParameter == "limit")
    }

    @Test func runsAreNewestFirstWithErrorCounts() throws {
        let fixture = try APIFixture()
        let runs = fixture.get("/api/harvest/runs").json
        #expect(runs["runs"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [4, 3, 2, 1])
        #expect(runs["runs"]?[2]?["error_count"] == 2)
        #expect(runs["total_count"] == 4)
        #expect(fixture.get("/api/harvest/runs?status=failed").json["runs"]?[0]?["id"] == 3)
        #expect(fixture.get("/api/harvest/runs?kind=manual").json["runs"]?[0]?["id"] == 2)
        #expect(fixture.get("/api/harvest/runs?limit=2").json["runs"]?.arrayValue?.count == 2)
        #expect(fixture.get("/api/harvest/runs?kind=cron").errorParameter == "kind")
    }

    @Test func runDetailListsItsErrors() throws {
        let fixture = try APIFixture()
        let run = fixture.get("/api/harvest/runs/2").json
        #expect(run["status"] == "partial")
        #expect(run["errors"]?.arrayValue?.compactMap { $0["item_key"]?.stringValue } == ["FEAT-9", "acme/api#99"])
        #expect(run["errors"]?[1]?["http_status"] == 429)
        #expect(fixture.get("/api/harvest/runs/42").status == 404)
        #expect(fixture.get("/api/harvest/runs/0").status == 400)
        // Found by `make fuzz`: the document now gives the id its 64-bit maximum.
        #expect(fixture.get("/api/harvest/runs/9223372036854775807").status == 404)
        #expect(fixture.get("/api/harvest/reload/9223372036854775808").errorParameter == "id")
    }

    @Test func anomaliesFilterByKindStatusAndIssue() throws {
        let fixture = try APIFixture()
        func kinds(_ query: String) -> [String] {
            fixture.get("/api/anomalies" + query).json["anomalies"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        }
        #expect(kinds("") == ["unknown_issue_type", "unassigned_member", "orphan_parent", "missing_release"])
        #expect(kinds("?status=open").count == 3)
        #expect(kinds("?status=resolved") == ["missing_release"])
        #expect(kinds("?kind=orphan_parent") == ["orphan_parent"])
        #expect(kinds("?issue_key=UNK-1") == ["unknown_issue_type", "unassigned_member"])
        let resolved = fixture.get("/api/anomalies?status=resolved").json["anomalies"]?[0]
        #expect(resolved?["status"] == "resolved")
        #expect(resolved?["resolved_at"] == "2026-01-13T08:00:00Z")
        #expect(fixture.get("/api/anomalies?status=closed").errorParameter == "status")
    }
}
