import Foundation
import TestKit
import Testing

/// `worksupport prune`: the retention a harvest run applies, at once, with what it did printed.
@Suite struct PruneCLITests {
    static func setUp(retentionLine: String) throws -> (TestDatabase, String) {
        let db = try TestDatabase.createMigrated()
        try db.connect().execute("""
            INSERT INTO webhook_deliveries (source, delivery_id, event, action, status, received_at, body)
            VALUES ('github', 'g-1', 'issues', 'edited', 'applied', now() - interval '10 days', '{}'),
                   ('github', 'g-2', 'issues', 'edited', 'applied', now() - interval '10 days', '{}'),
                   ('github', 'g-3', 'issues', 'labeled', 'ignored', now() - interval '10 days', '{}'),
                   ('jira', 'j-1', 'jira:issue_updated', NULL, 'applied', now() - interval '10 days', '{}'),
                   ('jira', 'j-2', 'jira:issue_updated', NULL, 'failed', now() - interval '10 days', '{}'),
                   ('github', 'g-4', 'issues', 'edited', 'applied', now() - interval '6 days', '{}');
            INSERT INTO branch_pushes (repo, branch, before_sha, after_sha, commits, forced, complete, received_at)
            VALUES ('acme/shop', 'main', 'a1', 'b2', '{b2}', false, true, now() - interval '10 days')
            """)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try "database.url=\(db.url)\n\(retentionLine)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return (db, path)
    }

    static func remaining(_ db: TestDatabase) throws -> [String] {
        try db.connect().query("SELECT delivery_id FROM webhook_deliveries ORDER BY delivery_id")
            .map { try $0.get("delivery_id") as String }
    }

    @Test func prunePrintsWhatItDeletedAndWhatItKept() throws {
        let (db, path) = try Self.setUp(retentionLine: "retention.deliveries_days=7")
        let result = try CommandRunner.run("worksupport", ["prune", "--config", path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("deliveries: pruned 4 received before ") == true)
        #expect(lines.first?.hasSuffix("(retention.deliveries_days=7): github 3, jira 1") == true, "\(lines)")
        #expect(lines.dropFirst().first == "deliveries: kept 1 older ones (waiting for a replay, or applied deletes): failed 1")
        #expect(lines.dropFirst(2).first?.hasPrefix("pushes: pruned 1 received before ") == true, "\(lines)")
        #expect(lines.last == "harvest runs: pruned 0 started more than 90 days ago (harvest.retention_days)")
        #expect(try Self.remaining(db) == ["g-4", "j-2"])
    }

    @Test func retentionUnderAWeekIsRefusedAndNothingIsDeleted() throws {
        let (db, path) = try Self.setUp(retentionLine: "retention.deliveries_days=3")
        let result = try CommandRunner.run("worksupport", ["prune", "--config", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "worksupport: \(path):2: retention.deliveries_days: must be at least 7, got 3\n")
        #expect(try Self.remaining(db) == ["g-1", "g-2", "g-3", "g-4", "j-1", "j-2"])
    }
}
