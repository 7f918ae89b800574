import Foundation
import JSON
import Postgres
import TestKit
import Testing

/// The vendored GitHub payloads through real nginx and the worker pool (2 workers).
@Suite(.serialized) struct WebhookThroughNginxTests {
    final class Stack: @unchecked Sendable {
        let pool: TestPool
        let nginx: TestNginx
        let connection: PostgresConnection

        init(function: String = #function) throws {
            pool = try TestPool(workers: 2, configLines: [
                "team.member.octo.name=Octo Cat", "team.member.octo.github_id=Codertocat",
                "github.issue_label=bug", "github.webhook_secret=\(WebhookFixture.secret)",
            ], function: function)
            guard pool.waitUntilReady() else { throw TestEnvironmentError("pool not ready: \(pool.log)") }
            nginx = try TestNginx(upstreamSocket: pool.socketPath)
            let config = try String(contentsOfFile: pool.configPath, encoding: .utf8)
            guard let line = config.split(separator: "\n").first(where: { $0.hasPrefix("database.url=") }) else {
                throw TestEnvironmentError("no database.url in \(pool.configPath)")
            }
            connection = try PostgresConnection(url: String(line.dropFirst("database.url=".count)))
        }

        deinit {
            nginx.stop()
            pool.stop()
        }

        func deliver(_ event: String, _ body: [UInt8], delivery: String) throws -> HTTPTestClient.Response {
            try nginx.client.deliverGitHub(event, body, delivery: delivery)
        }
    }

    static let payloads: [(String, String, String, Int)] = [
        ("issues", "opened", "applied", 200), ("issues", "edited", "applied", 200),
        ("issues", "labeled", "applied", 200), ("issues", "assigned", "applied", 200),
        ("issues", "unassigned", "applied", 200), ("issues", "reopened", "applied", 200),
        ("pull_request", "opened", "applied", 200), ("pull_request", "labeled", "applied", 200),
        ("pull_request", "synchronize", "applied", 200), ("pull_request", "closed", "applied", 200),
        ("ping", "payload", "stored", 200), ("push", "payload", "ignored", 200),
        ("workflow_run", "completed", "stored", 202),
        // Their repository is not in github.repos (none is configured here): ignored and counted.
        ("deployment", "payload", "ignored", 200), ("deployment_status", "payload", "ignored", 200),
    ]

    @Test func everyVendoredPayloadIsStoredWithItsOutcome() throws {
        let stack = try Stack()
        for (index, (event, action, status, code)) in Self.payloads.enumerated() {
            let response = try stack.deliver(event, try TestFixtures.githubWebhookBytes(event, action),
                                             delivery: "nginx-\(index)")
            #expect(response.status == code, "\(event)/\(action): \(response.text)")
            #expect(response.json?["status"] as? String == status, "\(event)/\(action)")
        }
        let rows = try stack.connection.query("SELECT delivery_id, event, action, status FROM webhook_deliveries ORDER BY id")
        #expect(rows.count == Self.payloads.count)
        for (index, row) in rows.enumerated() {
            #expect(try row.get("delivery_id") as String == "nginx-\(index)")
            #expect(try row.get("event") as String == Self.payloads[index].0)
            #expect(try row.get("status") as String == Self.payloads[index].2)
        }
        let issues = try stack.connection.query("SELECT issue_key, issue_type_id, status FROM issues ORDER BY issue_key")
        #expect(try issues.map { try $0.get("issue_key") as String } == ["Codertocat/Hello-World#1", "Codertocat/Hello-World#2"])
        #expect(try issues[1].get("status") as String == "closed")
    }

    @Test func redeliveryThroughNginxIsDuplicate() throws {
        let stack = try Stack()
        let body = try TestFixtures.githubWebhookBytes("issues", "opened")
        #expect(try stack.deliver("issues", body, delivery: "again").status == 200)
        let second = try stack.deliver("issues", body, delivery: "again")
        #expect(second.status == 200)
        #expect(second.json?["status"] as? String == "duplicate")
    }

    @Test func bodyOverOneMebibyteIs413AndNothingStored() throws {
        let stack = try Stack()
        let big = Array(("{\"pad\":\"" + String(repeating: "x", count: 1_100_000) + "\"}").utf8)
        let response = try stack.deliver("issues", big, delivery: "big")
        #expect(response.status == 413)
        #expect(response.text.contains(#""code":"payload_too_large""#), "nginx answers in the API's JSON shape")
        let stored: Int = try stack.connection.query("SELECT count(*) AS n FROM webhook_deliveries")[0].get("n")
        #expect(stored == 0)
    }
}
