import JSON
import Testing

@Suite struct IssueRouteTests {
    @Test func issueHasNormalizedFieldsParentChildrenAndOpenAnomalies() throws {
        let fixture = try APIFixture()
        let issue = fixture.get("/api/issues/FEAT-1").json
        #expect(issue["issue_key"] == "FEAT-1")
        #expect(issue["source"] == "jira")
        #expect(issue["issue_type"] == ["id": 10000, "name": "Feature"])
        #expect(issue["assignee"] == "acc-asmith")
        #expect(issue["assignee_member"]?["name"] == "Anna Smith")
        #expect(issue["labels"] == ["work-support"])
        #expect(issue["updated_at"] == "2026-01-11T10:00:00Z")
        #expect(issue["parent"]?["issue_key"] == "PV-1")
        #expect(issue["parent"]?["issue_type"] == "Product Version")
        #expect(issue["children"] == ["STORY-1", "STORY-2"])
        #expect(issue["anomalies"] == [])
    }

    @Test func openAnomaliesAreListedResolvedOnesAreNot() throws {
        let fixture = try APIFixture()
        let unknown = fixture.get("/api/issues/UNK-1").json
        #expect(unknown["anomalies"]?.arrayValue?.compactMap { $0["kind"]?.stringValue }
                == ["unassigned_member", "unknown_issue_type"])
        #expect(unknown["issue_type"]?["name"] == "Error-Type Not Known")
        #expect(unknown["assignee_member"] == .null)
        #expect(fixture.get("/api/issues/FEAT-3").json["anomalies"] == [])
    }

    @Test func gitHubKeyIsFoundPercentEncoded() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/acme%2Fapi%231")
        #expect(response.status == 200)
        #expect(response.json["issue_key"] == "acme/api#1")
        #expect(response.json["parent"]?["issue_key"] == "STORY-1")
        #expect(response.json["assignee_member"]?["id"] == "jdoe")
    }

    @Test func orphanHasParentKeyButNoParent() throws {
        let fixture = try APIFixture()
        let orphan = fixture.get("/api/issues/ORPH-1").json
        #expect(orphan["parent_key"] == "GONE-9")
        #expect(orphan["parent"] == .null)
    }

    @Test func absentIssueIs404JSON() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/NOPE-1")
        #expect(response.status == 404)
        #expect(response.errorCode == "not_found")
        #expect(response.header("content-type")?.hasPrefix("application/json") == true)
    }

    @Test func unknownQueryParameterIsRefused() throws {
        let fixture = try APIFixture()
        let response = fixture.get("/api/issues/PV-1?expand=all")
        #expect(response.status == 400)
        #expect(response.errorParameter == "expand")
    }
}
