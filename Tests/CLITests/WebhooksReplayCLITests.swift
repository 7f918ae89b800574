import Foundation
import Postgres
import TestKit
import Testing

/// `worksupport webhooks replay` as an operator runs it.
@Suite struct WebhooksReplayCLITests {
    /// A stored GitHub delivery whose issue row is gone, and a config whose scope covers it.
    func setUp(function: String = #function) throws -> (TestDatabase, String) {
        let db = try TestDatabase.createMigrated(function: function)
        let body = String(decoding: try TestFixtures.githubWebhookBytes("issues", "opened"), as: UTF8.self)
        try db.connect().query("""
            INSERT INTO webhook_deliveries (source, delivery_id, event, action, status, body, received_at)
            VALUES ('github', 'd-1', 'issues', 'opened', 'failed', $1::jsonb, '2026-03-01T00:00:00Z')
            """, [body])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try """
            database.url=\(db.url)
            team.member.octo.name=Octo Cat
            team.member.octo.github_id=Codertocat
            github.issue_label=bug
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return (db, path)
    }

    @Test func replayAppliesStoredDeliveriesAndReportsCounts() throws {
        let (db, config) = try setUp()
        let result = try CommandRunner.run("worksupport", ["webhooks", "replay", "--config", config], environment: [:])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("replayed 1 deliveries; 1 issue rows written; applied=1"))
        let status: String = try db.connect().query("SELECT status FROM webhook_deliveries")[0].get("status")
        #expect(status == "applied")
        let issues: Int = try db.connect().query("SELECT count(*) AS n FROM issues")[0].get("n")
        #expect(issues == 1)
    }

    @Test func sinceAfterTheDeliveryReplaysNothing() throws {
        let (_, config) = try setUp()
        let result = try CommandRunner.run("worksupport", ["webhooks", "replay", "--config", config,
                                                          "--since", "2026-03-02"], environment: [:])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("replayed 0 deliveries"))
    }

    @Test func unknownDeliveryIsAnError() throws {
        let (_, config) = try setUp()
        let result = try CommandRunner.run("worksupport", ["webhooks", "replay", "--config", config,
                                                          "--delivery", "nope"], environment: [:])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "worksupport: no stored delivery with id 'nope'\n")
    }

    @Test func badSinceIsAnError() throws {
        let (_, config) = try setUp()
        let result = try CommandRunner.run("worksupport", ["webhooks", "replay", "--config", config,
                                                          "--since", "yesterday"], environment: [:])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("--since: 'yesterday' is not an RFC 3339 time"))
    }
}
