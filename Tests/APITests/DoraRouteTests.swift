import Foundation
import JSON
import Postgres
import Testing

/// `GET /api/metrics/dora` and the delivery lists over a small history sent through the generic
/// ingest, with every figure computed by hand here.
@Suite(.serialized) struct DoraRouteTests {
    static let window = "from=2026-03-01&to=2026-03-15"  // two weeks

    static func history() throws -> APIFixture {
        let fixture = try APIFixture(seed: false, configLines: [
            "team.member.ann.name=Ann", "team.member.ann.github_id=ann-dev",
            "team.member.bo.name=Bo", "team.member.bo.github_id=bo-dev",
        ])
        func send(_ body: String) {
            let response = DeliveryIngestTests.post(fixture, "argo", body)
            precondition(response.status == 200, response.text)
        }
        func deployment(_ id: String, _ status: String, _ started: String, _ finished: String?, environment: String = "production") {
            send(DeliveryIngestTests.deployment(id: id, status: status, started: started, finished: finished,
                                                sha: "sha-\(id)", environment: environment))
        }
        deployment("d1", "success", "2026-03-02T09:55:00Z", "2026-03-02T10:00:00Z")
        deployment("d2", "failure", "2026-03-03T10:00:00Z", nil)
        deployment("d3", "success", "2026-03-03T12:50:00Z", "2026-03-03T13:00:00Z")
        deployment("d4", "success", "2026-03-05T08:50:00Z", "2026-03-05T09:00:00Z")
        deployment("s1", "success", "2026-03-06T08:50:00Z", "2026-03-06T09:00:00Z", environment: "staging")
        send(#"{"kind":"incident","id":"i1","repo":"acme/shop","created_at":"2026-03-05T10:00:00Z","resolved_at":"2026-03-05T13:00:00Z"}"#)
        send(#"{"kind":"incident","id":"i2","repo":"acme/other","created_at":"2026-03-07T10:00:00Z"}"#)
        try fixture.connection.execute("""
            INSERT INTO changes (change_key, repo, number, author, first_commit_at, opened_at, first_review_at, merged_at, merge_sha)
            VALUES ('acme/shop#1', 'acme/shop', 1, 'ann-dev', '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z',
                    '2026-03-01T14:00:00Z', '2026-03-02T08:00:00Z', 'm1');
            INSERT INTO deployment_changes (deployment_id, change_key)
            SELECT id, 'acme/shop#1' FROM deployments WHERE external_id = 'd1';
            """)
        return fixture
    }

    @Test func everyMetricMatchesTheHandComputedHistory() throws {
        let fixture = try Self.history()
        let response = fixture.get("/api/metrics/dora?repo=Acme/Shop&" + Self.window)
        #expect(response.status == 200)
        let body = response.json
        // d1, d3, d4 succeeded, on three days, in two weeks.
        #expect(body["deployment_frequency"]?["per_week"]?["value"]?.doubleValue == 1.5)
        #expect(body["deployment_frequency"]?["per_week"]?["numerator"]?.doubleValue == 3)
        #expect(body["deployment_frequency"]?["deployment_days_per_week"]?["value"]?.doubleValue == 1.5)
        // d2 failed, d4 has incident i1 (linked by the window), of four finished.
        #expect(body["change_fail_rate"]?["value"]?.doubleValue == 0.5)
        #expect(body["change_fail_rate"]?["denominator"]?.doubleValue == 4)
        // d2 → d3: 3 h; d4 → i1 resolved: 4 h.
        #expect(body["failed_deployment_recovery_time"]?["median_seconds"]?.doubleValue == 12_600)
        // acme/shop#1: first commit 24 h before d1; coding 2 h, pickup 2 h, review 18 h, deploy 2 h.
        #expect(body["change_lead_time"]?["median_seconds"]?.doubleValue == 86_400)
        #expect(body["change_lead_time"]?["parts"]?["review"]?["median_seconds"]?.doubleValue == 64_800)
        #expect(body["change_lead_time"]?["parts"]?["deploy"]?["median_seconds"]?.doubleValue == 7_200)
        #expect(body["deployment_rework_rate"]?["value"]?.doubleValue == 0)
        #expect(body["deployment_rework_rate"]?["rule"]?.stringValue?.contains("hotfix") == true)
        #expect(body["deployments_without_known_changes"]?["pending"]?.intValue == 3)
        #expect(body["unlinked_incident_ids"]?.arrayValue?.count == 0)
    }

    @Test func environmentTeamAndMemberNarrowTheMetrics() throws {
        let fixture = try Self.history()
        let staging = fixture.get("/api/metrics/dora?environment=staging&" + Self.window).json
        #expect(staging["deployment_frequency"]?["per_week"]?["numerator"]?.doubleValue == 1)
        let team = fixture.get("/api/metrics/dora?team=default&" + Self.window).json
        #expect(team["deployment_frequency"]?["per_week"]?["numerator"]?.doubleValue == 1)
        let bo = fixture.get("/api/metrics/dora?member=bo&" + Self.window).json
        #expect(bo["change_fail_rate"]?["unavailable"]?.stringValue == "no finished deployment in the window")
        #expect(fixture.get("/api/metrics/dora?member=zed").errorParameter == "member")
    }

    @Test func unlinkedIncidentsOfTheScopeAreListed() throws {
        let fixture = try Self.history()
        let all = fixture.get("/api/metrics/dora?" + Self.window).json
        #expect(all["unlinked_incident_ids"]?.arrayValue?.count == 1)
        let unlinked = fixture.get("/api/incidents?linked=false&" + Self.window).json
        #expect(unlinked["incidents"]?[0]?["external_id"]?.stringValue == "i2")
        let linked = fixture.get("/api/incidents?linked=true&" + Self.window).json
        #expect(linked["incidents"]?[0]?["link_method"]?.stringValue == "window")
    }

    @Test func listsShowDeploymentsWithTheirChangesAndChangesWithTheirDeployment() throws {
        let fixture = try Self.history()
        let deployments = fixture.get("/api/deployments?repo=acme/shop&" + Self.window).json
        #expect(deployments["total_count"]?.intValue == 4)
        #expect(deployments["deployments"]?.arrayValue?.last?["change_keys"]?[0]?.stringValue == "acme/shop#1")
        let failed = fixture.get("/api/deployments?status=failure&" + Self.window).json
        #expect(failed["deployments"]?[0]?["external_id"]?.stringValue == "d2")
        let changes = fixture.get("/api/changes?deployed=true&" + Self.window).json
        #expect(changes["changes"]?[0]?["deployed_at"]?.stringValue == "2026-03-02T10:00:00Z")
    }

    @Test func badWindowsAreRefusedNamingTheParameter() throws {
        let fixture = try APIFixture(seed: false)
        #expect(fixture.get("/api/metrics/dora?from=2026-03-15&to=2026-03-01").errorParameter == "from")
        #expect(fixture.get("/api/metrics/dora?from=yesterday").errorParameter == "from")
        #expect(fixture.get("/api/deployments?limit=0").errorParameter == "limit")
        #expect(fixture.get("/api/metrics/dora?since=2026-01-01").errorCode == "unknown_parameter")
        #expect(fixture.get("/api/metrics/dora", key: .some(nil)).status == 401)
    }

    @Test func emptyDatabaseAnswersEveryMetricWithItsReason() throws {
        let fixture = try APIFixture(seed: false)
        let body = fixture.get("/api/metrics/dora").json
        #expect(body["deployment_frequency"]?["per_week"]?["value"]?.doubleValue == 0)
        #expect(body["change_lead_time"]?["median_seconds"] == .null)
        #expect(body["change_lead_time"]?["unavailable"]?.stringValue == "no change reached a successful deployment in the window")
    }
}
