import Foundation
import JSON
import TestKit
import Testing
import WorkSupportStore

/// `database.read_url` as DESIGN.md's "one way through" has it: a pool whose GET/HEAD routes read
/// a streaming-replication hot standby answers what a pool on the primary alone answers, once
/// the standby has replayed; every write it takes in lands on the primary; the standby never sees
/// a write attempt. Serialized: the writing tests change what the reading ones compare.
@Suite(.serialized, .standbyStack) struct StandbyReadTests {
    /// Every GET route of the API with a few filters, and two HEADs, with the status expected.
    static let reads: [(String, String, Int)] = [
        ("GET", "/api/issues/keys", 200), ("GET", "/api/issues/keys?source=github", 200),
        ("GET", "/api/issues/keys?assignee=John+Doe&status=Done", 200),
        ("GET", "/api/issues/keys?label=work-support&label=frontend", 200),
        ("GET", "/api/issues/keys?issue_type=Feature", 200), ("GET", "/api/issues/keys?parent_key=FEAT-1", 200),
        ("GET", "/api/issues/keys?updated_since=2026-01-15T10:00:00Z", 200), ("GET", "/api/issues/keys?limit=3", 200),
        ("HEAD", "/api/issues/keys?source=jira", 200),
        ("GET", "/api/issues/hierarchy", 200), ("GET", "/api/issues/hierarchy?max_depth=2", 200),
        ("GET", "/api/issues/hierarchy?root_key=FEAT-1", 200),
        ("GET", "/api/issues/hierarchy?root_type=Customer+Adoption&max_depth=1", 200),
        ("GET", "/api/issues/FEAT-1", 200), ("GET", "/api/issues/UNK-1", 200), ("GET", "/api/issues/acme%2Fweb%238", 200),
        ("HEAD", "/api/issues/PV-1", 200), ("GET", "/api/issues/NOPE-1", 404),
        ("GET", "/api/harvest/reload", 200), ("GET", "/api/harvest/reload?status=completed", 200),
        ("GET", "/api/harvest/reload/1", 200), ("GET", "/api/harvest/reload/99", 404),
        ("GET", "/api/harvest/runs", 200), ("GET", "/api/harvest/runs?status=failed", 200),
        ("GET", "/api/harvest/runs/2", 200),
        ("GET", "/api/anomalies", 200), ("GET", "/api/anomalies?status=open&kind=orphan_parent", 200),
        ("GET", "/api/anomalies?issue_key=UNK-1", 200), ("GET", "/api/anomalies?status=resolved", 200),
        ("GET", "/api/anomalies/summary", 200),
        ("GET", "/api/releases", 200), ("GET", "/api/releases/2026.1", 200), ("GET", "/api/releases/2026.2%20beta", 200),
        ("GET", "/api/releases/9.9", 404),
        ("GET", "/api/openapi.json", 200),
    ]

    /// `target` through both pools once the standby has replayed everything committed so far:
    /// the same status (`status`) and the same bytes. Returns the answer through the standby pool.
    @discardableResult
    static func expectSameAnswer(_ method: String, _ target: String, status: Int, key: String? = nil,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPTestClient.Response {
        let stack = try StandbyStack.shared()
        try stack.standby.waitUntilReplayed()
        let primary = try stack.send(method, target, through: stack.primaryOnly, key: key)
        let standby = try stack.send(method, target, through: stack.standbyReads, key: key)
        #expect(primary.status == status, "\(method) \(target) on the primary: \(primary.text)", sourceLocation: sourceLocation)
        #expect(standby.status == primary.status, "\(method) \(target): \(standby.text)", sourceLocation: sourceLocation)
        #expect(standby.header("Content-Type") == primary.header("Content-Type"), "\(method) \(target)",
                sourceLocation: sourceLocation)
        let sameBytes = standby.body == primary.body
        #expect(sameBytes, "\(method) \(target): \(difference(standby.body, primary.body))", sourceLocation: sourceLocation)
        return standby
    }

    /// Where two bodies part, with some text around it from each (whole documents can be long).
    static func difference(_ standby: [UInt8], _ primary: [UInt8]) -> String {
        let common = min(standby.count, primary.count)
        let offset = (0..<common).first { standby[$0] != primary[$0] } ?? common
        func around(_ body: [UInt8]) -> String {
            String(decoding: body[max(0, offset - 80)..<min(body.count, offset + 160)], as: UTF8.self)
        }
        return "bodies differ from byte \(offset) (\(standby.count) bytes through the standby, \(primary.count) "
            + "on the primary): through the standby …\(around(standby))…, on the primary …\(around(primary))…"
    }

    @Test(arguments: reads)
    func readAnswersTheSameStatusAndBytesThroughTheStandby(method: String, target: String, status: Int) throws {
        try Self.expectSameAnswer(method, target, status: status)
    }

    @Test func issueKeyPagesAreTheSameThroughTheStandby() throws {
        var cursor: String?
        var pages = 0
        repeat {
            let page = try Self.expectSameAnswer("GET", "/api/issues/keys?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""),
                                                 status: 200)
            cursor = page.document["next_cursor"]?.stringValue
            pages += 1
        } while cursor != nil && pages < 20
        #expect(pages >= 7, "SeedData's twenty issues by threes")
    }

    @Test func revokedSeedKeyIsRefusedAlikeThroughTheStandby() throws {
        let stack = try StandbyStack.shared()
        let refused = try Self.expectSameAnswer("GET", "/api/issues/keys", status: 401, key: stack.revokedKey)
        #expect(refused.errorCode == "unauthorized")
    }

    @Test func githubDeliveryThroughTheStandbyPoolLandsOnThePrimaryAndShowsAfterReplay() throws {
        let stack = try StandbyStack.shared()
        let issueKey = "Codertocat/Hello-World#1"
        let delivered = try stack.standbyReads.nginx.client.deliverGitHub(
            "issues", try TestFixtures.githubWebhookBytes("issues", "opened"), delivery: "standby-issues-opened")
        #expect(delivered.status == 200, "\(delivered.text)")
        #expect(delivered.document["status"] == "applied")
        // On the primary at once: the pool wrote there, not to the standby (which would refuse).
        let delivery = try stack.connection.query(
            "SELECT status FROM webhook_deliveries WHERE source = 'github' AND delivery_id = $1", ["standby-issues-opened"])
        #expect(try delivery.first?.get("status", as: String.self) == "applied")
        #expect(try stack.connection.query("SELECT 1 FROM issues WHERE issue_key = $1", [issueKey]).count == 1)

        let shown = try Self.expectSameAnswer("GET", "/api/issues/Codertocat%2FHello-World%231", status: 200)
        #expect(shown.document["issue_key"] == .string(issueKey), "\(shown.text)")
    }

    @Test func reloadRequestedThroughTheStandbyPoolLandsOnThePrimaryAndShowsAfterReplay() throws {
        let stack = try StandbyStack.shared()
        let requested = try stack.send("POST", "/api/harvest/reload?force=true", through: stack.standbyReads)
        #expect(requested.status == 202, "\(requested.text)")
        let id = try #require(requested.document["reload_id"]?.intValue)
        let row = try stack.connection.query("SELECT status FROM reload_requests WHERE id = $1", [id])
        #expect(try row.first?.get("status", as: String.self) == "queued")

        let list = try Self.expectSameAnswer("GET", "/api/harvest/reload", status: 200)
        #expect(list.document["reloads"]?[0]?["reload_id"] == .int(Int64(id)), "\(list.text)")
        let one = try Self.expectSameAnswer("GET", "/api/harvest/reload/\(id)", status: 200)
        #expect(one.document["status"] == "queued", "\(one.text)")
    }

    @Test func keyRevokedOnThePrimaryIsRefusedThroughTheStandbyOnItsFirstRequestAfterReplay() throws {
        let stack = try StandbyStack.shared()
        let keys = APIKeyStore(connection: stack.connection)
        let key = try keys.create(name: "standby-revoked-later").key
        try stack.standby.waitUntilReplayed()
        // Used on both workers before (a worker that remembers keys would remember this one).
        for _ in 0..<4 {
            let accepted = try stack.send("GET", "/api/issues/keys?source=github", through: stack.standbyReads, key: key)
            #expect(accepted.status == 200, "\(accepted.text)")
        }
        try keys.revoke("standby-revoked-later")
        try stack.standby.waitUntilReplayed()
        let refused = try stack.send("GET", "/api/issues/keys?source=github", through: stack.standbyReads, key: key)
        #expect(refused.status == 401, "\(refused.text)")
        #expect(refused.errorCode == "unauthorized")
    }

    @Test func healthReportsTheReadConnectionBesideTheWriteOne() throws {
        let stack = try StandbyStack.shared()
        let standby = try stack.standbyReads.nginx.client.get("/health")
        #expect(standby.status == 200, "\(standby.text)")
        #expect(standby.document["status"] == "ok", "\(standby.text)")
        #expect(standby.document["database"] == "ok", "\(standby.text)")
        #expect(standby.document["read_database"] == "ok", "\(standby.text)")
        // Without read_url one connection does both: the read state is the database's.
        let primary = try stack.primaryOnly.nginx.client.get("/health")
        #expect(primary.document["read_database"] != nil, "\(primary.text)")
        #expect(primary.document["read_database"] == primary.document["database"], "\(primary.text)")
    }

    /// The dashboard's sign-in writes on the primary; its pages, read through the standby right
    /// after (replay may lag: the session is then found on the primary, by a read), write nothing.
    @Test func dashboardSignsInOnThePrimaryAndServesEveryPageFromTheStandby() throws {
        let stack = try StandbyStack.shared()
        let client = stack.standbyReads.nginx.client
        let form = try client.get("/ui/login")
        let formCookie = try #require(form.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let formToken = try #require(DashboardBrowser.csrfToken(in: form.text))
        let login = try client.send("POST", "/ui/login", headers: [("Cookie", formCookie),
                                                                    ("Content-Type", "application/x-www-form-urlencoded")],
                                    body: Array(DashboardBrowser.encode([("csrf", formToken), ("api_key", stack.key)]).utf8))
        #expect(login.status == 303, "\(login.text)")
        let session = try #require(login.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("ws_session=") }?
            .1.split(separator: ";").first.map(String.init))
        for page in DashboardPageTests.pages {
            let response = try client.get(page, headers: [("Cookie", session)])
            #expect(response.status == 200, "\(page): \(response.text.prefix(300))")
        }
        #expect(try stack.connection.query("SELECT count(*) AS n FROM ui_sessions")[0].get("n", as: Int.self) >= 1)
    }

    /// Last in the suite, so it also covers the tests above; its own traffic takes every path
    /// through the standby pool once, so it means something when run alone.
    @Test func standbyLogShowsNoWriteAttemptDuringTheSuite() throws {
        let stack = try StandbyStack.shared()
        for (method, target, _) in Self.reads {
            _ = try stack.send(method, target, through: stack.standbyReads)
        }
        _ = try stack.send("GET", "/health", through: stack.standbyReads)
        _ = try stack.send("POST", "/api/harvest/reload?force=true", through: stack.standbyReads)
        _ = try stack.standbyReads.nginx.client.deliverGitHub(
            "pull_request", try TestFixtures.githubWebhookBytes("pull_request", "opened"), delivery: "standby-pr-opened")
        try stack.standby.waitUntilReplayed()
        let attempts = try stack.standbyLogLines().filter {
            $0.contains("read-only transaction") || $0.contains("cannot execute")
        }
        #expect(attempts.isEmpty, "\(attempts.joined(separator: "\n"))")
    }
}
