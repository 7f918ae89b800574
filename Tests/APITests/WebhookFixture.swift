import API
import Foundation
import JSON
import Postgres
import TestKit
import WorkSupportCore
import WorkSupportStore

/// A migrated database with the team synced, and an application configured with webhook secrets:
/// GitHub scope is label `bug` + member `Codertocat` (what the vendored payloads carry).
final class WebhookFixture {
    static let secret = "test-webhook-secret"
    static let previousSecret = "rotated-out-secret"
    static let jiraSecret = "test-jira-secret"
    static let jiraAccount = "557058:jdoe"

    let database: TestDatabase
    let connection: PostgresConnection
    let counters = LocalMetricCounters()
    let config: WorkSupportConfig
    let app: APIApplication

    init(github: Bool = true, jira: Bool = true, lines: [String] = [], function: String = #function) throws {
        database = try TestDatabase.createMigrated(function: function)
        connection = try database.connect()
        config = try Self.config(url: database.url, github: github, jira: jira, lines: lines)
        try ReferenceSync(connection: connection).apply(team: config.team, hierarchy: config.issueTypes)
        app = APIApplication(config: config, metrics: counters)
    }

    static func config(url: String, github: Bool, jira: Bool, lines: [String] = []) throws -> WorkSupportConfig {
        var text = """
            database.url=\(url)
            team.member.octo.name=Octo Cat
            team.member.octo.github_id=Codertocat
            team.member.jdoe.name=John Doe
            team.member.jdoe.jira_id=\(jiraAccount)

            """
        if github {
            text += """
                github.issue_label=bug
                github.webhook_secret=\(secret)
                github.webhook_secret_previous=\(previousSecret)

                """
        }
        if jira {
            text += """
                jira.base_url=https://example.atlassian.net
                jira.email=bot@example.com
                jira.root_jql=project = DEMO
                jira.webhook_secret=\(jiraSecret)

                """
        }
        text += lines.map { $0 + "\n" }.joined()
        return try WorkSupportConfig.parse(text: text, file: "webhook-tests.properties", environment: [:])
    }

    /// A GitHub delivery, signed with `secret` unless `signature` overrides it; `nil` header
    /// values leave the header out.
    func github(_ event: String?, body: [UInt8], delivery: String? = UUID().uuidString,
                secret: String = WebhookFixture.secret, signature: String?? = .none,
                contentType: String? = "application/json") -> TestResponse {
        var headers: [String: String] = ["user-agent": "GitHub-Hookshot/abc123"]
        if let event { headers["x-github-event"] = event }
        if let delivery { headers["x-github-delivery"] = delivery }
        if let contentType { headers["content-type"] = contentType }
        switch signature {
        case .none: headers["x-hub-signature-256"] = WebhookSignature.sign(body, secret: secret)
        case .some(.some(let given)): headers["x-hub-signature-256"] = given
        case .some(.none): break
        }
        return post("/api/ingest/github", headers: headers, body: body)
    }

    /// A vendored GitHub payload (`Tests/Fixtures/github-webhooks/<event>/<action>.json`).
    func github(fixture event: String, _ action: String, delivery: String = UUID().uuidString) throws -> TestResponse {
        github(event, body: try TestFixtures.githubWebhookBytes(event, action), delivery: delivery)
    }

    func jira(body: [UInt8], identifier: String? = UUID().uuidString, secret: String = WebhookFixture.jiraSecret,
              contentType: String = "application/json") -> TestResponse {
        var headers = ["content-type": contentType, "x-hub-signature": WebhookSignature.sign(body, secret: secret)]
        if let identifier { headers["x-atlassian-webhook-identifier"] = identifier }
        return post("/api/ingest/jira", headers: headers, body: body)
    }

    func post(_ path: String, headers: [String: String], body: [UInt8]) -> TestResponse {
        TestResponse(app.handle(APIRequest(method: "POST", path: path, headers: headers, body: body)))
    }

    /// One `issues` row, or nil.
    func issue(_ key: String) throws -> PostgresRow? {
        let rows = try connection.query("""
            SELECT issue_key, source, summary, status, status_category, issue_type_id, issue_type_name, parent_key,
                   epic_key, linked_key, assignee, assignee_member_id, labels, fix_versions, url, created_at,
                   updated_at, resolved_at, changed_by, last_run_id, raw::text AS raw
            FROM issues WHERE issue_key = $1
            """, [key])
        return rows.count == 1 ? rows[0] : nil
    }

    func delivery(_ deliveryID: String, source: String = "github") throws -> PostgresRow? {
        let rows = try connection.query("""
            SELECT source, delivery_id, event, action, status, error, issue_key, item_updated_at,
                   headers::text AS headers, body::text AS body, received_at
            FROM webhook_deliveries WHERE source = $1 AND delivery_id = $2
            """, [source, deliveryID])
        return rows.count == 1 ? rows[0] : nil
    }

    func count(_ table: String) throws -> Int {
        try connection.query("SELECT count(*) AS n FROM \(table)")[0].get("n")
    }

    /// The value of `worksupport_webhook_deliveries_total{source,outcome}`.
    func webhookCounter(_ source: String, _ outcome: String) -> Int? {
        let metrics = TestResponse(app.handle(APIRequest(method: "GET", path: "/metrics"))).text
        let prefix = "worksupport_webhook_deliveries_total{source=\"\(source)\",outcome=\"\(outcome)\"} "
        guard let line = metrics.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return Int(line.dropFirst(prefix.count))
    }

    static func time(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A vendored payload with its item's `updated_at` (and `title`) replaced.
    static func githubPayload(_ event: String, _ action: String, updatedAt: String, title: String? = nil) throws -> [UInt8] {
        var payload = try JSONValue.parse(try TestFixtures.githubWebhookBytes(event, action))
        guard case .object(var object) = payload, case .object(var item)? = object[event == "issues" ? "issue" : "pull_request"] else {
            throw TestEnvironmentError("fixture \(event)/\(action) has no item")
        }
        item["updated_at"] = .string(updatedAt)
        if let title { item["title"] = .string(title) }
        object[event == "issues" ? "issue" : "pull_request"] = .object(item)
        payload = .object(object)
        return payload.serialized()
    }

    /// A Jira webhook body around an issue as `/rest/api/3/search/jql` returns it.
    static func jiraBody(event: String = "jira:issue_updated", key: String = "DEMO-7",
                         updated: String = "2026-03-02T10:00:00.000+0000", summary: String = "Checkout fails on retry",
                         assignee: String? = jiraAccount, type: (id: String, name: String) = ("10101", "Story"),
                         parent: String? = "DEMO-1", fixVersions: [String] = ["2.4"]) -> [UInt8] {
        let issue: JSONValue = .object([
            "id": "10070", "key": .string(key),
            "self": .string("https://example.atlassian.net/rest/api/3/issue/10070"),
            "fields": .object([
                "summary": .string(summary),
                "status": ["name": "In Progress", "statusCategory": ["key": "indeterminate"]],
                "issuetype": ["id": .string(type.id), "name": .string(type.name)],
                "parent": parent.map { .object(["key": .string($0)]) } ?? .null,
                "assignee": assignee.map { .object(["accountId": .string($0)]) } ?? .null,
                "labels": ["work-support", "checkout"],
                "fixVersions": .array(fixVersions.map { .object(["name": .string($0)]) }),
                "created": "2026-03-01T09:00:00.000+0000",
                "updated": .string(updated),
                "resolutiondate": .null,
            ]),
        ])
        let body: JSONValue = .object([
            "timestamp": 1_772_445_600_000, "webhookEvent": .string(event),
            "issue_event_type_name": "issue_generic", "user": ["accountId": "557058:admin"], "issue": issue,
        ])
        return body.serialized()
    }
}
