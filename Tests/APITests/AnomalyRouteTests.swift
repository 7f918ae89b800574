import Foundation
import JSON
import Testing

@Suite struct AnomalyRouteTests {
    @Test func assigneeFilterMatchesTheIssuesRawAssignee() throws {
        let fixture = try APIFixture()
        let response = fixture.request("GET", "/api/anomalies?assignee=acc-stranger")
        #expect(response.status == 200)
        let kinds = (response.json["anomalies"]?.arrayValue ?? []).compactMap { $0["kind"]?.stringValue }.sorted()
        #expect(kinds == ["unassigned_member", "unknown_issue_type"])
        #expect(response.json["total_count"] == 2)
    }

    @Test func assigneeFilterMatchesMemberIDAndName() throws {
        let fixture = try APIFixture()
        try fixture.connection.execute("INSERT INTO anomalies (kind, issue_key) VALUES ('stale_in_progress', 'STORY-1')")
        for assignee in ["jdoe", "John%20Doe", "acc-jdoe"] {
            let response = fixture.request("GET", "/api/anomalies?assignee=\(assignee)")
            #expect(response.json["total_count"] == 1, "assignee=\(assignee)")
            #expect(response.json["anomalies"]?[0]?["issue_key"] == "STORY-1")
        }
    }

    @Test func filtersCombine() throws {
        let fixture = try APIFixture()
        let response = fixture.request("GET", "/api/anomalies?status=open&kind=orphan_parent&issue_key=ORPH-1")
        #expect(response.json["total_count"] == 1)
        #expect(fixture.request("GET", "/api/anomalies?status=resolved&kind=orphan_parent").json["total_count"] == 0)
    }

    @Test func summaryCountsByKindAndStatus() throws {
        let fixture = try APIFixture()
        let response = fixture.request("GET", "/api/anomalies/summary")
        #expect(response.status == 200)
        #expect(response.json["open"] == 3)
        #expect(response.json["resolved"] == 1)
        let missing = response.json["by_kind"]?.arrayValue?.first { $0["kind"] == "missing_release" }
        #expect(missing?["open"] == 0)
        #expect(missing?["resolved"] == 1)
    }

    @Test func unknownQueryParameterIsRefused() throws {
        let fixture = try APIFixture()
        #expect(fixture.request("GET", "/api/anomalies/summary?kind=x").status == 400)
    }
}
