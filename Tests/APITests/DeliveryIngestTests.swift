import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

/// `POST /api/ingest/{source}`: deployments and incidents from any tool (DESIGN.md, "Generic ingest").
@Suite(.serialized) struct DeliveryIngestTests {
    static func post(_ fixture: APIFixture, _ source: String, _ body: String, key: String?? = .none) -> TestResponse {
        fixture.request("POST", "/api/ingest/\(source)", key: key, headers: ["content-type": "application/json"], body: body)
    }

    static func deployment(id: String = "run-1", status: String = "success", started: String = "2026-03-02T10:00:00Z",
                           finished: String? = "2026-03-02T10:05:00Z", sha: String = "abc123",
                           environment: String = "production") -> String {
        let finishedMember = finished.map { #","finished_at":"\#($0)""# } ?? ""
        return #"{"kind":"deployment","id":"\#(id)","repo":"Acme/Shop","environment":"\#(environment)","sha":"\#(sha)","status":"\#(status)","started_at":"\#(started)"\#(finishedMember)}"#
    }

    static func count(_ fixture: APIFixture, _ sql: String) throws -> Int {
        try fixture.connection.query(sql)[0].get(0, as: Int.self)
    }

    @Test func deploymentIsStoredRawAndApplied() throws {
        let fixture = try APIFixture(seed: false)
        let response = Self.post(fixture, "gitlab-ci", Self.deployment())
        #expect(response.status == 200)
        #expect(response.json["status"]?.stringValue == "applied")
        #expect(response.json["written"]?.boolValue == true)
        let row = try #require(fixture.connection.query("""
            SELECT source, external_id, repo, environment, is_production, status, finished_at FROM deployments
            """).first)
        #expect(try row.get("source") == "gitlab-ci")
        #expect(try row.get("repo") == "acme/shop")
        #expect(try row.get("is_production") == true)
        #expect(try row.get("status") == "success")
        #expect(try row.get("finished_at", as: Date.self) == ISO8601DateFormatter().date(from: "2026-03-02T10:05:00Z"))
        #expect(try Self.count(fixture, "SELECT count(*) FROM webhook_deliveries WHERE source = 'gitlab-ci' AND status = 'applied' AND event = 'deployment'") == 1)
    }

    @Test func sameBodyTwiceIsADuplicateThatChangesNothing() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "jenkins", Self.deployment())
        let before: Date = try fixture.connection.query("SELECT updated_at FROM deployments")[0].get(0)
        let repeated = Self.post(fixture, "jenkins", Self.deployment())
        #expect(repeated.status == 200)
        #expect(repeated.json["status"]?.stringValue == "duplicate")
        #expect(try fixture.connection.query("SELECT updated_at FROM deployments")[0].get(0) == before)
        #expect(try Self.count(fixture, "SELECT count(*) FROM webhook_deliveries") == 1)
    }

    @Test func newerBodyForTheSameIDUpdatesTheDeployment() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "jenkins", Self.deployment(status: "in_progress", finished: nil))
        let updated = Self.post(fixture, "jenkins", Self.deployment(status: "success"))
        #expect(updated.json["written"]?.boolValue == true)
        #expect(try Self.count(fixture, "SELECT count(*) FROM deployments") == 1)
        #expect(try fixture.connection.query("SELECT status FROM deployments")[0].get(0) == "success")
        #expect(try Self.count(fixture, "SELECT count(*) FROM webhook_deliveries WHERE status = 'applied'") == 2)
    }

    @Test func bodyWithMissingFieldsAndTimesOutOfOrderIsRefusedNamingEveryFieldAndOnlyTheRawDeliveryIsKept() throws {
        let fixture = try APIFixture(seed: false)
        let body = #"{"kind":"deployment","id":7,"sha":"abc","status":"done","started_at":"2026-03-02T10:00:00Z","finished_at":"2026-03-02T09:00:00Z"}"#
        let response = Self.post(fixture, "jenkins", body)
        #expect(response.status == 422)
        #expect(response.errorCode == "unprocessable")
        let fields = response.json["error"]?["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
        #expect(fields == ["repo", "environment", "status", "finished_at"])
        #expect(response.text.contains("must not be before started_at"))
        #expect(try Self.count(fixture, "SELECT count(*) FROM deployments") == 0)
        let delivery = try #require(fixture.connection.query("SELECT status, error, event FROM webhook_deliveries").first)
        #expect(try delivery.get("status") == "failed")
        #expect(try delivery.get("event") == "invalid")
        #expect(try (delivery.get("error") as String).contains("repo: is required"))
    }

    @Test func incidentWithTimesOutOfOrderAndNoIDIsRefused() throws {
        let fixture = try APIFixture(seed: false)
        let response = Self.post(fixture, "pagerduty", #"{"kind":"incident","created_at":"2026-03-02T10:00:00Z","resolved_at":"2026-03-01T10:00:00Z"}"#)
        #expect(response.status == 422)
        let fields = response.json["error"]?["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
        #expect(fields == ["id", "resolved_at"])
        #expect(try Self.count(fixture, "SELECT count(*) FROM incidents") == 0)
    }

    @Test func unknownKindIsRefusedWithItsField() throws {
        let fixture = try APIFixture(seed: false)
        let response = Self.post(fixture, "jenkins", #"{"kind":"build","id":"1"}"#)
        #expect(response.status == 422)
        #expect(response.json["error"]?["fields"]?[0]?["field"]?.stringValue == "kind")
    }

    @Test func incidentNamingADeploymentLinksExplicitlyOtherwiseByTheWindow() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "argo", Self.deployment(id: "d1", finished: "2026-03-02T10:05:00Z"))
        _ = Self.post(fixture, "argo", Self.deployment(id: "d2", started: "2026-03-03T10:00:00Z", finished: "2026-03-03T10:05:00Z", sha: "def456"))
        let explicit = Self.post(fixture, "argo", #"{"kind":"incident","id":"i1","repo":"acme/shop","created_at":"2026-03-03T12:00:00Z","deployment_id":"d1"}"#)
        #expect(explicit.status == 200)
        _ = Self.post(fixture, "argo", #"{"kind":"incident","id":"i2","repo":"acme/shop","created_at":"2026-03-03T12:00:00Z"}"#)
        _ = Self.post(fixture, "argo", #"{"kind":"incident","id":"i3","repo":"acme/shop","created_at":"2026-03-09T12:00:00Z"}"#)
        let links = try fixture.connection.query("""
            SELECT i.external_id, d.external_id AS deployment, i.link_method
            FROM incidents i LEFT JOIN deployments d ON d.id = i.deployment_id ORDER BY i.external_id
            """).map { row in
                "\(try row.get("external_id") as String)=\((try row.get("deployment") as String?) ?? "-"):\((try row.get("link_method") as String?) ?? "-")"
            }
        #expect(links == ["i1=d1:explicit", "i2=d2:window", "i3=-:-"])
    }

    @Test func lateDeploymentRelinksAnIncidentThatCameFirst() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "opsgenie", #"{"kind":"incident","id":"i1","repo":"acme/shop","created_at":"2026-03-02T12:00:00Z"}"#)
        #expect(try Self.count(fixture, "SELECT count(*) FROM incidents WHERE deployment_id IS NULL") == 1)
        _ = Self.post(fixture, "jenkins", Self.deployment())
        #expect(try Self.count(fixture, "SELECT count(*) FROM incidents WHERE link_method = 'window'") == 1)
    }

    @Test func incidentNamingALaterDeploymentByIDLinksWhenThatDeploymentArrives() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "jenkins", #"{"kind":"incident","id":"i1","repo":"acme/shop","created_at":"2026-03-02T12:00:00Z","deployment_id":"run-1"}"#)
        _ = Self.post(fixture, "jenkins", Self.deployment(environment: "staging"))
        #expect(try Self.count(fixture, "SELECT count(*) FROM incidents WHERE link_method = 'explicit'") == 1)
    }

    @Test func signedSourcesBadNamesMissingKeysAndBadJSONAreRefusedAndStoreNothing() throws {
        let fixture = try APIFixture(seed: false)
        // /api/ingest/slack is Slack's own signed endpoint: without a signing secret it takes nothing.
        #expect(Self.post(fixture, "slack", Self.deployment()).errorCode == "webhook_not_configured")
        #expect(Self.post(fixture, "Jenkins", Self.deployment()).status == 400)
        #expect(Self.post(fixture, "jenkins", Self.deployment(), key: .some(nil)).status == 401)
        #expect(Self.post(fixture, "jenkins", "{not json").errorCode == "invalid_body")
        #expect(fixture.request("POST", "/api/ingest/jenkins", body: Self.deployment()).status == 415)
        #expect(try Self.count(fixture, "SELECT count(*) FROM webhook_deliveries") == 0)
    }

    @Test func webhookReplayLeavesIngestDeliveriesAlone() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "jenkins", Self.deployment())
        let config = try APIFixture.config(url: fixture.database.url, startCommand: nil)
        let summary = try WebhookReplay(connection: fixture.connection, interpreter: WebhookInterpreter(config: config))
            .replay(since: nil, deliveryID: nil)
        #expect(summary.replayed == 0)
        #expect(try Self.count(fixture, "SELECT count(*) FROM webhook_deliveries WHERE status = 'applied'") == 1)
    }

    /// `worksupport_webhook_deliveries_total{source="generic",outcome}` from `/metrics`.
    static func genericCounters(_ fixture: APIFixture) -> [String: Int] {
        let prefix = #"worksupport_webhook_deliveries_total{source="generic",outcome=""#
        var counters: [String: Int] = [:]
        for line in fixture.request("GET", "/metrics", key: .some(nil)).text.split(separator: "\n") where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            guard let quote = rest.firstIndex(of: "\""), let space = rest.lastIndex(of: " ") else { continue }
            counters[String(rest[..<quote])] = Int(rest[rest.index(after: space)...])
        }
        return counters
    }

    @Test func everyGenericIngestOutcomeIsCountedInMetricsBesideTheWebhooks() throws {
        let fixture = try APIFixture(seed: false)
        _ = Self.post(fixture, "jenkins", Self.deployment())
        _ = Self.post(fixture, "gitlab-ci", Self.deployment(id: "run-2"))
        _ = Self.post(fixture, "jenkins", Self.deployment())
        _ = Self.post(fixture, "jenkins", #"{"kind":"deployment","id":7}"#)
        _ = Self.post(fixture, "jenkins", Self.deployment(), key: .some(nil))
        _ = Self.post(fixture, "Jenkins", Self.deployment())
        _ = Self.post(fixture, "jenkins", "{not json")
        _ = fixture.request("POST", "/api/ingest/jenkins", body: Self.deployment())
        #expect(Self.genericCounters(fixture) == [
            "applied": 2, "duplicate": 1, "failed": 1, "rejected_key": 1, "rejected_path": 1, "rejected_body": 1,
            "rejected_content_type": 1, "rejected_too_large": 0, "database_error": 0,
        ])
        // Signed deliveries keep their own lines: none of these counted there.
        let metrics = fixture.request("GET", "/metrics", key: .some(nil)).text
        #expect(metrics.contains(#"worksupport_webhook_deliveries_total{source="github",outcome="applied"} 0"#))
    }
}
