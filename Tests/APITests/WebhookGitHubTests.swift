import API
import Foundation
import JSON
import Postgres
import TestKit
import Testing

/// Every vendored GitHub payload through the handler, signed with the test secret.
@Suite struct WebhookGitHubTests {
    @Test(arguments: ["assigned", "edited", "labeled", "opened", "reopened", "unassigned"])
    func issuesPayloadIsAppliedFieldByField(action: String) throws {
        let fixture = try WebhookFixture()
        let response = try fixture.github(fixture: "issues", action, delivery: "d-\(action)")
        #expect(response.status == 200)
        #expect(response.json["status"] == "applied")
        #expect(response.json["issue_key"] == "Codertocat/Hello-World#1")
        #expect(response.json["written"] == true)

        let row = try #require(try fixture.issue("Codertocat/Hello-World#1"))
        let item = try #require(try JSONValue.parse(try TestFixtures.githubWebhookBytes("issues", action))["issue"])
        #expect(try row.get("source") as String == "github")
        #expect(try row.get("summary") as String == item["title"]?.stringValue)
        #expect(try row.get("status") as String == "open")
        #expect(try row.get("status_category") as String == "new")
        #expect(try row.get("issue_type_id") as Int == -2)
        #expect(try row.get("issue_type_name") as String == "GitHub Issue")
        #expect(try row.get("parent_key") as String? == nil)
        #expect(try row.get("epic_key") as String? == nil)
        #expect(try row.get("assignee") as String? == item["assignee"]?["login"]?.stringValue)
        #expect(try row.get("assignee_member_id") as String? == (item["assignee"]?["login"] != nil ? "octo" : nil))
        #expect(try row.get("labels") as [String] == ["bug"])
        #expect(try row.get("fix_versions") as [String] == [item["milestone"]?["title"]?.stringValue ?? ""].filter { !$0.isEmpty })
        #expect(try row.get("url") as String == "https://github.com/Codertocat/Hello-World/issues/1")
        #expect(try row.get("created_at") as Date == WebhookFixture.time(item["created_at"]!.stringValue!))
        #expect(try row.get("updated_at") as Date == WebhookFixture.time(item["updated_at"]!.stringValue!))
        // GitHub keeps `closed_at` on a reopened issue; the mapping carries it over as it is.
        #expect(try row.get("resolved_at") as Date? == item["closed_at"]?.stringValue.map(WebhookFixture.time))
        #expect(try row.get("changed_by") as String == "webhook")
        #expect(try row.get("last_run_id") as Int64? == nil)
        #expect(try JSONValue.parse(try row.get("raw") as String)["number"] == 1)
    }

    @Test(arguments: ["opened", "labeled", "synchronize", "closed"])
    func pullRequestPayloadIsAppliedFieldByField(action: String) throws {
        let fixture = try WebhookFixture()
        let response = try fixture.github(fixture: "pull_request", action)
        #expect(response.status == 200)
        #expect(response.json["status"] == "applied")

        let row = try #require(try fixture.issue("Codertocat/Hello-World#2"))
        let item = try #require(try JSONValue.parse(try TestFixtures.githubWebhookBytes("pull_request", action))["pull_request"])
        let open = item["state"] == "open"
        #expect(try row.get("issue_type_id") as Int == -3)
        #expect(try row.get("issue_type_name") as String == "GitHub Pull Request")
        #expect(try row.get("summary") as String == item["title"]?.stringValue)
        #expect(try row.get("status") as String == (open ? "open" : "closed"))
        #expect(try row.get("status_category") as String == (open ? "indeterminate" : "done"))
        #expect(try row.get("assignee") as String? == item["assignee"]?["login"]?.stringValue)
        #expect(try row.get("labels") as [String] == ["bug"])
        #expect(try row.get("url") as String == "https://github.com/Codertocat/Hello-World/pull/2")
        #expect(try row.get("updated_at") as Date == WebhookFixture.time(item["updated_at"]!.stringValue!))
        #expect(try row.get("resolved_at") as Date? == item["closed_at"]?.stringValue.map(WebhookFixture.time))
        #expect(try row.get("changed_by") as String == "webhook")
    }

    @Test func deliveryRowKeepsHeadersBodyAndOutcome() throws {
        let fixture = try WebhookFixture()
        _ = try fixture.github(fixture: "issues", "opened", delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        let row = try #require(try fixture.delivery("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
        #expect(try row.get("event") as String == "issues")
        #expect(try row.get("action") as String == "opened")
        #expect(try row.get("status") as String == "applied")
        #expect(try row.get("error") as String? == nil)
        #expect(try row.get("issue_key") as String == "Codertocat/Hello-World#1")
        #expect(try row.get("item_updated_at") as Date == WebhookFixture.time("2019-05-15T15:20:18Z"))
        let headers = try JSONValue.parse(try row.get("headers") as String)
        #expect(headers["x-github-event"] == "issues")
        #expect(headers["x-github-delivery"] == "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        #expect(headers["user-agent"] == "GitHub-Hookshot/abc123")
        #expect(headers["x-hub-signature-256"] == nil)
        let body = try JSONValue.parse(try row.get("body") as String)
        #expect(body == (try JSONValue.parse(try TestFixtures.githubWebhookBytes("issues", "opened"))))
    }

    @Test func pingIsAnswered200AndStored() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("ping", body: try TestFixtures.githubWebhookBytes("ping", "payload"), delivery: "ping-1")
        #expect(response.status == 200)
        #expect(response.json["status"] == "stored")
        #expect(try fixture.delivery("ping-1")?.get("status") as String? == "stored")
        #expect(try fixture.count("issues") == 0)
    }

    /// `deployment`, `deployment_status` and `push` feed the delivery tables (DeliveryWebhookTests,
    /// DeliveryPushTests).
    @Test(arguments: ["workflow_run"])
    func otherEventsAreStoredRawWith202(event: String) throws {
        let fixture = try WebhookFixture()
        let body = try TestFixtures.githubWebhookBytes(event, "completed")
        let response = fixture.github(event, body: body, delivery: "raw-\(event)")
        #expect(response.status == 202)
        #expect(response.json["status"] == "stored")
        let row = try #require(try fixture.delivery("raw-\(event)"))
        #expect(try row.get("event") as String == event)
        #expect(try row.get("status") as String == "stored")
        #expect(try JSONValue.parse(try row.get("body") as String) == (try JSONValue.parse(body)))
        #expect(try fixture.count("issues") == 0)
    }

    @Test func unknownEventIsStored202AndNotApplied() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("star", body: Array(#"{"action":"created","starred_at":"2026-01-01T00:00:00Z"}"#.utf8),
                                      delivery: "star-1")
        #expect(response.status == 202)
        #expect(try fixture.delivery("star-1")?.get("status") as String? == "stored")
        #expect(try fixture.count("issues") == 0)
    }

    @Test func itemWithoutTheLabelIsStoredAsIgnored() throws {
        let fixture = try WebhookFixture()
        let payload = String(decoding: try TestFixtures.githubWebhookBytes("issues", "opened"), as: UTF8.self)
            .replacingOccurrences(of: "\"name\": \"bug\"", with: "\"name\": \"question\"")
        let response = fixture.github("issues", body: Array(payload.utf8), delivery: "unlabeled-1")
        #expect(response.status == 200)
        #expect(response.json["status"] == "ignored")
        let row = try #require(try fixture.delivery("unlabeled-1"))
        #expect(try row.get("status") as String == "ignored")
        #expect(try row.get("error") as String == "not labeled 'bug'")
        #expect(try fixture.issue("Codertocat/Hello-World#1") == nil)
    }

    @Test func itemAssignedToNoTeamMemberIsIgnored() throws {
        let fixture = try WebhookFixture()
        let text = String(decoding: try TestFixtures.githubWebhookBytes("issues", "opened"), as: UTF8.self)
            .replacingOccurrences(of: "\"login\": \"Codertocat\"", with: "\"login\": \"stranger\"")
            .replacingOccurrences(of: "\"login\":\"Codertocat\"", with: "\"login\":\"stranger\"")
        let response = fixture.github("issues", body: Array(text.utf8), delivery: "stranger-1")
        #expect(response.json["status"] == "ignored")
        #expect(try fixture.delivery("stranger-1")?.get("error") as String? == "no team member among the assignees")
        #expect(try fixture.count("issues") == 0)
    }

    @Test(arguments: ["deleted", "transferred"])
    func deletedOrTransferredIssueIsRemoved(action: String) throws {
        let fixture = try WebhookFixture()
        _ = try fixture.github(fixture: "issues", "opened")
        #expect(try fixture.issue("Codertocat/Hello-World#1") != nil)
        let body = String(decoding: try TestFixtures.githubWebhookBytes("issues", "opened"), as: UTF8.self)
            .replacingOccurrences(of: "\"action\": \"opened\"", with: "\"action\": \"\(action)\"")
        let response = fixture.github("issues", body: Array(body.utf8), delivery: "gone-1")
        #expect(response.status == 200)
        #expect(response.json["status"] == "applied")
        #expect(response.json["written"] == true)
        #expect(try fixture.issue("Codertocat/Hello-World#1") == nil)
        let row = try #require(try fixture.delivery("gone-1"))
        #expect(try row.get("action") as String == action)
        #expect(try row.get("issue_key") as String == "Codertocat/Hello-World#1")
    }

    @Test func previousSecretIsAcceptedDuringRotation() throws {
        let fixture = try WebhookFixture()
        let body = try TestFixtures.githubWebhookBytes("issues", "opened")
        let response = fixture.github("issues", body: body, secret: WebhookFixture.previousSecret)
        #expect(response.status == 200)
        #expect(try fixture.issue("Codertocat/Hello-World#1") != nil)
    }

    @Test func appliedDeliveriesAreCountedInMetrics() throws {
        let fixture = try WebhookFixture()
        _ = try fixture.github(fixture: "issues", "opened")
        _ = fixture.github("push", body: try TestFixtures.githubWebhookBytes("push", "payload"))
        _ = try fixture.github(fixture: "workflow_run", "completed")
        #expect(fixture.webhookCounter("github", "applied") == 1)
        #expect(fixture.webhookCounter("github", "ignored") == 1)
        #expect(fixture.webhookCounter("github", "stored") == 1)
    }
}
