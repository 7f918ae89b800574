import API
import Foundation
import JSON
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// `WebhookReplay` (behind `worksupport webhooks replay`): stored deliveries re-applied.
@Suite struct WebhookReplayTests {
    @Test func replayRestoresIssuesFromStoredDeliveries() throws {
        let fixture = try WebhookFixture()
        _ = try fixture.github(fixture: "issues", "opened")
        _ = try fixture.github(fixture: "pull_request", "closed")
        try fixture.connection.execute("DELETE FROM issues")
        let summary = try WebhookReplay(connection: fixture.connection, interpreter: WebhookInterpreter(config: fixture.config))
            .replay(since: nil, deliveryID: nil)
        #expect(summary.replayed == 2)
        #expect(summary.written == 2)
        #expect(summary.statuses == ["applied": 2])
        #expect(try fixture.issue("Codertocat/Hello-World#1")?.get("changed_by") as String? == "webhook")
        #expect(try fixture.issue("Codertocat/Hello-World#2") != nil)
    }

    @Test func replayTwiceWritesNothingTheSecondTime() throws {
        let fixture = try WebhookFixture()
        _ = try fixture.github(fixture: "issues", "opened")
        let replay = WebhookReplay(connection: fixture.connection, interpreter: WebhookInterpreter(config: fixture.config))
        let first = try replay.replay(since: nil, deliveryID: nil)
        let second = try replay.replay(since: nil, deliveryID: nil)
        #expect(first.written == 0)
        #expect(second.written == 0)
        #expect(second.statuses == ["applied": 1])
        #expect(try fixture.count("issues") == 1)
    }

    @Test func replayUnderAWiderScopeAppliesWhatWasIgnored() throws {
        let narrow = try WebhookFixture()
        var payload = String(decoding: try TestFixtures.githubWebhookBytes("issues", "opened"), as: UTF8.self)
        payload = payload.replacingOccurrences(of: "\"name\": \"bug\"", with: "\"name\": \"Bug\"")
        // Label matching ignores case, so change the label to something else entirely.
        payload = payload.replacingOccurrences(of: "\"name\": \"Bug\"", with: "\"name\": \"triage\"")
        #expect(narrow.github("issues", body: Array(payload.utf8), delivery: "wide-1").json["status"] == "ignored")
        var wider = narrow.config
        wider.github?.issueLabel = "triage"
        let summary = try WebhookReplay(connection: narrow.connection, interpreter: WebhookInterpreter(config: wider))
            .replay(since: nil, deliveryID: "wide-1")
        #expect(summary.statuses == ["applied": 1])
        #expect(try narrow.delivery("wide-1")?.get("status") as String? == "applied")
        #expect(try narrow.delivery("wide-1")?.get("error") as String? == nil)
        #expect(try narrow.issue("Codertocat/Hello-World#1") != nil)
    }

    @Test func replaySinceSkipsOlderDeliveries() throws {
        let fixture = try WebhookFixture()
        _ = try fixture.github(fixture: "issues", "opened", delivery: "old")
        _ = try fixture.github(fixture: "pull_request", "opened", delivery: "new")
        try fixture.connection.execute("UPDATE webhook_deliveries SET received_at = '2026-01-01T00:00:00Z' WHERE delivery_id = 'old'")
        try fixture.connection.execute("DELETE FROM issues")
        let summary = try WebhookReplay(connection: fixture.connection, interpreter: WebhookInterpreter(config: fixture.config))
            .replay(since: WebhookFixture.time("2026-01-02T00:00:00Z"), deliveryID: nil)
        #expect(summary.replayed == 1)
        #expect(try fixture.issue("Codertocat/Hello-World#1") == nil)
        #expect(try fixture.issue("Codertocat/Hello-World#2") != nil)
    }
}
