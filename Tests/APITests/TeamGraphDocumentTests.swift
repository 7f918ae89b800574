import Foundation
import JSON
import Testing

/// `GET /api/team/graph` is written straight from the rows: names that need escaping come back
/// intact, every node kind carries its fields, edges are in (type, source, target) order, and
/// first/last are the window's RFC 3339 times of each merged edge.
@Suite struct TeamGraphDocumentTests {
    static let hostile = "Zoë \"the\" <b>\\reviewer</b>\n"

    @Test func graphDocumentCarriesEveryNodeKindEscapedAndEdgesInOrder() throws {
        let fixture = try APIFixture(seed: false)
        try fixture.connection.query("""
            INSERT INTO team_members (member_id, name, github_id, role) VALUES ('m1', $1, 'dev1', 'po'), ('m2', 'Bo', 'dev2', NULL)
            """, [Self.hostile])
        try fixture.connection.execute("""
            INSERT INTO slack_channels (id, name) VALUES ('C1', 'team-"chat"');
            INSERT INTO issues (issue_key, source, summary, status, status_category, issue_type_id, created_at, updated_at)
            VALUES ('TEAM-1', 'jira', 'Fix \\ "quotes"', 'Done', 'done', -1, now() - interval '9 days', now() - interval '2 days');
            INSERT INTO interactions (kind, actor, target, issue_key, channel_id, occurred_at, source, source_id) VALUES
                ('REVIEWED', 'm2', 'm1', NULL, NULL, now() - interval '3 days 0.75 seconds', 'github', 'r1'),
                ('REVIEWED', 'm2', 'm1', NULL, NULL, now() - interval '1 day', 'github', 'r2'),
                ('MENTIONED', 'm1', 'slack:U9', NULL, 'C1', now() - interval '2 days', 'slack', 'C1:1'),
                ('COMMENTED_ON', 'm1', 'TEAM-1', 'TEAM-1', NULL, now() - interval '4 days', 'jira', 'comment:1'),
                ('ASSIGNED_TO', 'm2', 'GONE-1', 'GONE-1', NULL, now() - interval '5 days', 'jira', 'GONE-1 dev2');
            """)
        let response = fixture.get("/api/team/graph")
        #expect(response.status == 200)
        let graph = response.json
        let nodes = try #require(graph["nodes"]?.arrayValue)
        #expect(graph["node_count"]?.intValue == nodes.count)
        #expect(nodes.compactMap { $0["id"]?.stringValue } == ["m1", "m2", "slack:U9", "GONE-1", "TEAM-1", "C1"])
        #expect(nodes[0] == ["label": "User", "id": "m1", "member": true, "name": .string(Self.hostile), "role": "po"])
        #expect(nodes[2] == ["label": "User", "id": "slack:U9", "member": false])
        #expect(nodes[3] == ["label": "Issue", "id": "GONE-1"])   // no longer stored: no name, no status
        #expect(nodes[4] == ["label": "Issue", "id": "TEAM-1", "name": "Fix \\ \"quotes\"", "status": "Done"])
        #expect(nodes[5] == ["label": "Channel", "id": "C1", "name": "team-\"chat\""])
        let edges = try #require(graph["edges"]?.arrayValue)
        #expect(graph["edge_count"]?.intValue == edges.count)
        #expect(edges.map { "\($0["type"]?.stringValue ?? "") \($0["source"]?.stringValue ?? "")>\($0["target"]?.stringValue ?? "") \($0["target_label"]?.stringValue ?? "")" }
                == ["ASSIGNED_TO m2>GONE-1 Issue", "COMMENTED_ON m1>TEAM-1 Issue", "IN_CHANNEL m1>C1 Channel",
                    "MENTIONED m1>slack:U9 User", "REVIEWED m2>m1 User"])
        let reviewed = edges[4]
        #expect(reviewed["count"]?.intValue == 2)
        let expected = try fixture.connection.query("""
            SELECT to_char(min(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first,
                   to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last
            FROM interactions WHERE kind = 'REVIEWED'
            """)[0]
        #expect(reviewed["first"]?.stringValue == (try expected.get("first") as String))
        #expect(reviewed["last"]?.stringValue == (try expected.get("last") as String))
        #expect(reviewed["first"]?.stringValue?.count == 20)   // whole seconds: 2026-01-02T03:04:05Z
    }
}
