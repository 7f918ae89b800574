import API
import Foundation
import JSON
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// Redeliveries, out-of-order deliveries, and webhooks interleaved with harvest writes.
@Suite struct WebhookOrderingTests {
    /// The item of a webhook body written the way a harvest run writes, with another summary and time.
    @discardableResult
    func harvest(_ fixture: WebhookFixture, _ body: [UInt8], summary: String, updatedAt: String) throws -> WriteCounts {
        var harvested = try #require(try GitHubIssueNormalizer(team: fixture.config.team)
            .normalize(webhookPayload: try JSONValue.parse(body)))
        harvested.summary = summary
        harvested.updatedAt = WebhookFixture.time(updatedAt)
        let runID: Int64 = try fixture.connection.query(
            "INSERT INTO harvest_runs (kind, trigger, status) VALUES ('manual', 'test', 'running') RETURNING id")[0].get("id")
        return try IssueWriter(connection: fixture.connection).upsert([harvested], runID: runID)
    }

    @Test func redeliveryAnswersDuplicateAndChangesNothing() throws {
        let fixture = try WebhookFixture()
        #expect(try fixture.github(fixture: "issues", "opened", delivery: "same").json["status"] == "applied")
        let before: Date = try fixture.connection.query("SELECT changed_at FROM issues")[0].get("changed_at")
        let again = try fixture.github(fixture: "issues", "edited", delivery: "same")
        #expect(again.status == 200)
        #expect(again.json["status"] == "duplicate")
        #expect(try fixture.count("webhook_deliveries") == 1)
        #expect(try fixture.delivery("same")?.get("action") as String? == "opened")
        let after: Date = try fixture.connection.query("SELECT changed_at FROM issues")[0].get("changed_at")
        #expect(after == before)
        #expect(fixture.webhookCounter("github", "duplicate") == 1)
    }

    @Test func olderDeliveryArrivingLateDoesNotOverwriteNewer() throws {
        let fixture = try WebhookFixture()
        let newer = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-02T10:00:00Z", title: "newer")
        let older = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-01T10:00:00Z", title: "older")
        #expect(fixture.github("issues", body: newer).json["written"] == true)
        let late = fixture.github("issues", body: older, delivery: "late")
        #expect(late.json["status"] == "applied")
        #expect(late.json["written"] == false)
        let row = try #require(try fixture.issue("Codertocat/Hello-World#1"))
        #expect(try row.get("summary") as String == "newer")
        #expect(try row.get("updated_at") as Date == WebhookFixture.time("2026-02-02T10:00:00Z"))
        #expect(try fixture.delivery("late")?.get("item_updated_at") as Date? == WebhookFixture.time("2026-02-01T10:00:00Z"))
    }

    @Test func bothOrdersConvergeOnTheNewest() throws {
        let newer = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-02T10:00:00Z", title: "newer")
        let older = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-01T10:00:00Z", title: "older")
        var summaries: [String] = []
        for order in [[older, newer], [newer, older]] {
            let fixture = try WebhookFixture(function: "bothOrdersConvergeOnTheNewest-\(summaries.count)")
            for body in order { #expect(fixture.github("issues", body: body).status == 200) }
            summaries.append(try #require(try fixture.issue("Codertocat/Hello-World#1")).get("summary"))
        }
        #expect(summaries == ["newer", "newer"])
    }

    @Test func lateEditAfterDeleteDoesNotBringTheIssueBack() throws {
        let fixture = try WebhookFixture()
        let edit = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-01T10:00:00Z")
        let delete = String(decoding: try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-02T10:00:00Z"),
                            as: UTF8.self).replacingOccurrences(of: "\"action\":\"edited\"", with: "\"action\":\"deleted\"")
        #expect(fixture.github("issues", body: Array(delete.utf8), delivery: "del").json["status"] == "applied")
        let late = fixture.github("issues", body: edit, delivery: "late-edit")
        #expect(late.json["status"] == "ignored")
        #expect(try fixture.issue("Codertocat/Hello-World#1") == nil)
        #expect(try fixture.delivery("late-edit")?.get("error") as String? == "the issue was deleted by delivery del")
    }

    @Test func olderHarvestWriteAfterWebhookKeepsTheWebhookCopy() throws {
        let fixture = try WebhookFixture()
        let body = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-02T10:00:00Z", title: "from webhook")
        #expect(fixture.github("issues", body: body).json["written"] == true)
        let counts = try harvest(fixture, body, summary: "from an older harvest", updatedAt: "2026-02-01T10:00:00Z")
        #expect(counts.inserted + counts.updated == 0)
        let row = try #require(try fixture.issue("Codertocat/Hello-World#1"))
        #expect(try row.get("summary") as String == "from webhook")
        #expect(try row.get("changed_by") as String == "webhook")
    }

    @Test func newerHarvestWriteAfterWebhookWins() throws {
        let fixture = try WebhookFixture()
        let body = try WebhookFixture.githubPayload("issues", "edited", updatedAt: "2026-02-01T10:00:00Z", title: "from webhook")
        _ = fixture.github("issues", body: body)
        try harvest(fixture, body, summary: "from a newer harvest", updatedAt: "2026-02-03T10:00:00Z")
        let row = try #require(try fixture.issue("Codertocat/Hello-World#1"))
        #expect(try row.get("summary") as String == "from a newer harvest")
        #expect(try row.get("changed_by") as String == "harvest")
    }

    @Test func deliveriesFromTwoWorkersForTheSameIssueConverge() throws {
        let fixture = try WebhookFixture()
        let second = APIApplication(config: fixture.config)
        let bodies = (1...20).map { day in
            try! WebhookFixture.githubPayload("issues", "edited", updatedAt: String(format: "2026-02-%02dT10:00:00Z", day),
                                             title: "day \(day)")
        }
        let first = fixture.app
        let apps = [first, second]
        // Two applications (two DB sessions), each on its own thread, deliveries interleaved.
        let group = DispatchGroup()
        for worker in 0..<2 {
            nonisolated(unsafe) let app = apps[worker]
            group.enter()
            Thread.detachNewThread {
                for (index, body) in bodies.enumerated().reversed() where index % 2 == worker {
                    let request = APIRequest(method: "POST", path: "/api/ingest/github", headers: [
                        "content-type": "application/json", "x-github-event": "issues",
                        "x-github-delivery": "c-\(index)",
                        "x-hub-signature-256": WebhookSignature.sign(body, secret: WebhookFixture.secret),
                    ], body: body)
                    _ = app.handle(request)
                }
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(try fixture.count("webhook_deliveries") == 20)
        let row = try #require(try fixture.issue("Codertocat/Hello-World#1"))
        #expect(try row.get("summary") as String == "day 20")
    }
}
