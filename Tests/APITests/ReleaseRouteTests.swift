import Foundation
import JSON
import Testing
import WorkSupportCore
import WorkSupportStore

@Suite struct ReleaseRouteTests {
    /// Seed data: PV-1 carries `release-1`; everything under it inherits the release.
    static func fixtureWithMembership() throws -> APIFixture {
        let fixture = try APIFixture()
        try fixture.connection.execute("""
            INSERT INTO releases (project_key, name, version_id, released, release_date) VALUES
                ('PV', '1', '100', true, '2026-01-31'), ('FEAT', '1', '200', false, NULL), ('PV', '2', '101', false, NULL);
            UPDATE issues SET fix_versions = '{2}' WHERE issue_key = 'PV-2';
            """)
        try AnomalyPass(connection: fixture.connection, anomaly: AnomalyConfig(), release: ReleaseConfig())
            .run(now: Date(), runID: nil)
        return fixture
    }

    @Test func releaseViewListsOwnAndInheritedMembers() throws {
        let fixture = try Self.fixtureWithMembership()
        let response = fixture.request("GET", "/api/releases/1")
        #expect(response.status == 200)
        let keys = (response.json["issues"]?.arrayValue ?? []).compactMap { $0["issue_key"]?.stringValue }
        #expect(keys == ["CA-1", "FEAT-1", "FEAT-2", "PV-1", "STORY-1", "STORY-2", "STORY-3", "STORY-4", "TASK-1", "acme/api#1"])
        #expect(response.json["counts"]?["by_via"]?["label"] == 1)
        #expect(response.json["counts"]?["by_via"]?["parent"] == 9)
        #expect(response.json["counts"]?["by_type"]?["Story"] == 5, "four Jira stories and the seed's Story-typed GitHub item under STORY-1")
        #expect(response.json["versions"]?.arrayValue?.count == 2)
    }

    /// The view is written from the rows by hand (types named from a map, `via` NULL for
    /// fixVersion members); the same document built the plain way in SQL must be equal, member
    /// for member, with an unknown type id, NULL fields and text that needs escaping among them.
    @Test func releaseViewMatchesTheDocumentBuiltInSQL() throws {
        let fixture = try Self.fixtureWithMembership()
        try fixture.connection.execute("""
            UPDATE issues SET issue_type_id = 424242, summary = E'quote " back \\\\ tab \\t nl \\n ctl \\u0001 é 東 😀',
                status = NULL, status_category = NULL, assignee_member_id = NULL WHERE issue_key = 'STORY-2';
            UPDATE issues SET fix_versions = '{1}' WHERE issue_key IN ('STORY-3', 'TASK-1');
            """)
        try AnomalyPass(connection: fixture.connection, anomaly: AnomalyConfig(), release: ReleaseConfig())
            .run(now: Date(), runID: nil)
        let reference: String = try fixture.connection.query("""
            WITH m AS (
                SELECT i.issue_key, i.summary, i.status, i.status_category, i.issue_type_id, t.name AS issue_type,
                       i.assignee_member_id, r.via
                FROM issue_releases r JOIN issues i ON i.issue_key = r.issue_key
                LEFT JOIN issue_types t ON t.id = i.issue_type_id
                WHERE r.release_name = '1'
            )
            SELECT json_build_object(
                'issues', (SELECT json_agg(m ORDER BY issue_key COLLATE "C") FROM m),
                'by_status', (SELECT json_object_agg(s, n) FROM (SELECT coalesce(status, '') s, count(*) n FROM m GROUP BY 1) x),
                'by_type', (SELECT json_object_agg(s, n) FROM (SELECT coalesce(issue_type, '') s, count(*) n FROM m GROUP BY 1) x),
                'by_via', (SELECT json_object_agg(s, n) FROM (SELECT via s, count(*) n FROM m GROUP BY 1) x)
            )::text AS body
            """)[0].get("body")
        let expected = try JSONValue.parse(reference)
        let view = fixture.request("GET", "/api/releases/1").json
        #expect(view["issues"] == expected["issues"])
        let story2 = view["issues"]?.arrayValue?.first { $0["issue_key"] == "STORY-2" }
        #expect(story2?["issue_type"] == .null && story2?["issue_type_id"] == 424242)
        for tally in ["by_status", "by_type", "by_via"] {
            let sorted = (expected[tally]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            #expect(view["counts"]?[tally] == .object(JSONObject(sorted)), "\(tally), keys in order")
        }
        #expect(view["counts"]?["by_via"]?["fix_version"] == 2, "STORY-3 and TASK-1; PV-1 is in by label")
        #expect(view["counts"]?["by_type"]?[""] == 1)
    }

    @Test func releaseViewShowsOpenAnomaliesOfItsIssues() throws {
        let fixture = try Self.fixtureWithMembership()
        try fixture.connection.execute("UPDATE issues SET status_category = 'indeterminate', updated_at = '2020-01-01Z' WHERE issue_key = 'STORY-1'")
        try AnomalyPass(connection: fixture.connection, anomaly: AnomalyConfig(), release: ReleaseConfig())
            .run(now: Date(), runID: nil)
        let anomalies = fixture.request("GET", "/api/releases/1").json["anomalies"]?.arrayValue ?? []
        let stale = anomalies.filter { $0["kind"] == "stale_in_progress" }
        #expect(stale.map { $0["issue_key"]?.stringValue ?? "" } == ["STORY-1"])
    }

    @Test func releaseListNamesEveryRelease() throws {
        let fixture = try Self.fixtureWithMembership()
        let response = fixture.request("GET", "/api/releases")
        #expect(response.status == 200)
        let names = (response.json["releases"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == ["1", "2"])
        #expect(response.json["releases"]?[0]?["projects"] == ["FEAT", "PV"])
        #expect(response.json["releases"]?[1]?["issue_count"] == 3)
    }

    @Test func unknownReleaseIs404() throws {
        let fixture = try Self.fixtureWithMembership()
        let response = fixture.request("GET", "/api/releases/9.9")
        #expect(response.status == 404)
        #expect(response.errorCode == "not_found")
    }

    /// The limit is the OpenAPI document's maxLength: 200 Unicode scalars, not grapheme clusters.
    @Test func releaseNameOver200ScalarsIs400() throws {
        let fixture = try APIFixture()
        #expect(fixture.request("GET", "/api/releases/" + String(repeating: "a", count: 200)).status == 404)
        #expect(fixture.request("GET", "/api/releases/" + String(repeating: "a", count: 201)).errorParameter == "name")
        let combining = String(repeating: "e%CC%81", count: 101)  // 101 characters, 202 scalars
        #expect(fixture.request("GET", "/api/releases/" + combining).errorParameter == "name")
    }
}
