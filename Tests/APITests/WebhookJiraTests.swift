import API
import Foundation
import JSON
import TestKit
import Testing

/// Jira Cloud deliveries built around Jira issue JSON.
@Suite struct WebhookJiraTests {
    @Test func issueUpdatedIsAppliedFieldByField() throws {
        let fixture = try WebhookFixture()
        let response = fixture.jira(body: WebhookFixture.jiraBody(), identifier: "jira-1")
        #expect(response.status == 200)
        #expect(response.json["status"] == "applied")
        let row = try #require(try fixture.issue("DEMO-7"))
        #expect(try row.get("source") as String == "jira")
        #expect(try row.get("summary") as String == "Checkout fails on retry")
        #expect(try row.get("status") as String == "In Progress")
        #expect(try row.get("status_category") as String == "indeterminate")
        #expect(try row.get("issue_type_id") as Int == 10101)
        #expect(try row.get("issue_type_name") as String == "Story")
        #expect(try row.get("parent_key") as String == "DEMO-1")
        #expect(try row.get("assignee") as String == WebhookFixture.jiraAccount)
        #expect(try row.get("assignee_member_id") as String == "jdoe")
        #expect(try row.get("labels") as [String] == ["work-support", "checkout"])
        #expect(try row.get("fix_versions") as [String] == ["2.4"])
        #expect(try row.get("url") as String == "https://example.atlassian.net/browse/DEMO-7")
        #expect(try row.get("created_at") as Date == WebhookFixture.time("2026-03-01T09:00:00Z"))
        #expect(try row.get("updated_at") as Date == WebhookFixture.time("2026-03-02T10:00:00Z"))
        #expect(try row.get("resolved_at") as Date? == nil)
        #expect(try row.get("changed_by") as String == "webhook")
        let delivery = try #require(try fixture.delivery("jira-1", source: "jira"))
        #expect(try delivery.get("event") as String == "jira:issue_updated")
        #expect(try delivery.get("action") as String == "issue_generic")
        #expect(try delivery.get("status") as String == "applied")
        #expect(try delivery.get("issue_key") as String == "DEMO-7")
    }

    @Test func issueCreatedIsApplied() throws {
        let fixture = try WebhookFixture()
        let response = fixture.jira(body: WebhookFixture.jiraBody(event: "jira:issue_created", key: "DEMO-8"))
        #expect(response.json["status"] == "applied")
        #expect(try fixture.issue("DEMO-8") != nil)
    }

    @Test func issueDeletedRemovesTheIssueAndKeepsTheDeliveryAsTrace() throws {
        let fixture = try WebhookFixture()
        _ = fixture.jira(body: WebhookFixture.jiraBody())
        let response = fixture.jira(body: WebhookFixture.jiraBody(event: "jira:issue_deleted"), identifier: "del-1")
        #expect(response.status == 200)
        #expect(response.json["written"] == true)
        #expect(try fixture.issue("DEMO-7") == nil)
        let trace = try #require(try fixture.delivery("del-1", source: "jira"))
        #expect(try trace.get("status") as String == "applied")
        #expect(try trace.get("issue_key") as String == "DEMO-7")
        #expect(try JSONValue.parse(try trace.get("body") as String)["issue"]?["key"] == "DEMO-7")
    }

    @Test(arguments: ["comment_created", "comment_updated", "worklog_created"])
    func commentAndWorklogEventsAreStoredRaw(event: String) throws {
        let fixture = try WebhookFixture()
        let body: JSONValue = ["webhookEvent": .string(event), "comment": ["id": "1", "body": "looks good"],
                               "issue": ["key": "DEMO-7"]]
        let response = fixture.jira(body: body.serialized(), identifier: "c-1")
        #expect(response.status == 202)
        #expect(response.json["status"] == "stored")
        #expect(try fixture.delivery("c-1", source: "jira")?.get("status") as String? == "stored")
        #expect(try fixture.count("issues") == 0)
    }

    @Test func withoutIdentifierTheBodyHashDeduplicates() throws {
        let fixture = try WebhookFixture()
        let body = WebhookFixture.jiraBody()
        #expect(fixture.jira(body: body, identifier: nil).json["status"] == "applied")
        #expect(fixture.jira(body: body, identifier: nil).json["status"] == "duplicate")
        let id: String = try fixture.connection.query("SELECT delivery_id FROM webhook_deliveries")[0].get("delivery_id")
        #expect(id.hasPrefix("sha256:") && id.count == 7 + 64)
    }

    @Test func wrongJiraSignatureIs401AndNothingStored() throws {
        let fixture = try WebhookFixture()
        let response = fixture.jira(body: WebhookFixture.jiraBody(), secret: WebhookFixture.secret)
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_signature")
        #expect(try fixture.count("webhook_deliveries") == 0)
        #expect(fixture.webhookCounter("jira", "rejected_signature") == 1)
    }

    @Test func bodyWithoutWebhookEventIs400() throws {
        let fixture = try WebhookFixture()
        let response = fixture.jira(body: Array(#"{"issue":{"key":"DEMO-7"}}"#.utf8))
        #expect(response.status == 400)
        #expect(response.errorParameter == "webhookEvent")
        #expect(try fixture.count("webhook_deliveries") == 0)
    }

    @Test func issueFailingNormalizationIsStoredAsFailed() throws {
        let fixture = try WebhookFixture()
        let body: JSONValue = ["webhookEvent": "jira:issue_updated", "issue": ["key": "DEMO-9", "fields": ["summary": "x"]]]
        let response = fixture.jira(body: body.serialized(), identifier: "bad-1")
        #expect(response.status == 202)
        #expect(response.json["status"] == "failed")
        let row = try #require(try fixture.delivery("bad-1", source: "jira"))
        #expect(try row.get("status") as String == "failed")
        #expect((try row.get("error") as String?)?.contains("fields.updated") == true)
        #expect(try fixture.count("issues") == 0)
    }
}
