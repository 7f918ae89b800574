import Foundation
import TestKit
import Testing

/// `worksupport prune` with Slack configured: messages past slack.retention_days go, with their
/// interactions; younger ones stay.
@Suite struct SlackPruneCLITests {
    @Test func messagesPastSlackRetentionArePrunedWithTheirInteractions() throws {
        let db = try TestDatabase.createMigrated()
        let old = String(Int(Date().timeIntervalSince1970) - 40 * 86_400) + ".000100"
        let young = String(Int(Date().timeIntervalSince1970) - 5 * 86_400) + ".000200"
        try db.connect().execute("""
            INSERT INTO slack_channels (id, name) VALUES ('C1', 'one');
            INSERT INTO slack_messages (channel_id, ts, posted_at, user_id)
            VALUES ('C1', '\(old)', to_timestamp(\(old)), 'U1'), ('C1', '\(young)', to_timestamp(\(young)), 'U1');
            INSERT INTO interactions (kind, actor, target, channel_id, occurred_at, source, source_id)
            VALUES ('MENTIONED', 'slack:U1', 'slack:U2', 'C1', to_timestamp(\(old)), 'slack', 'C1:\(old)'),
                   ('MENTIONED', 'slack:U1', 'slack:U2', 'C1', to_timestamp(\(young)), 'slack', 'C1:\(young)');
            """)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try "database.url=\(db.url)\nslack.retention_days=30\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run("worksupport", ["prune", "--config", path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last?.hasPrefix("slack: pruned 1 messages posted before ") == true, "\(lines)")
        #expect(lines.last?.hasSuffix("with their interactions (slack.retention_days=30)") == true, "\(lines)")
        #expect(try db.connect().query("SELECT ts FROM slack_messages").map { try $0.get("ts") as String } == [young])
        #expect(try db.connect().query("SELECT source_id FROM interactions").map { try $0.get("source_id") as String } == ["C1:\(young)"])
    }
}
