import Foundation
import Postgres
import TestKit
import Testing

/// `worksupport team …` and `worksupport graph export` on a small graph stored as the harvest
/// stores it, with names and summaries that need CSV quoting and Cypher escaping.
@Suite struct TeamCLITests {
    static func setUp() throws -> (TestDatabase, String) {
        let db = try TestDatabase.createMigrated()
        try db.connect().execute("""
            INSERT INTO team_members (member_id, name, github_id, role) VALUES
                ('ann', 'Ann "The Hub", Jr.', 'ann-gh', NULL), ('bob', 'Bob', 'bob-gh', 'po'), ('cy', 'Cy', 'cy-gh', NULL),
                ('dee', 'Dee', 'dee-gh', NULL);
            INSERT INTO issues (issue_key, source, summary, status, status_category, updated_at, assignee, assignee_member_id)
            VALUES ('o/r#1', 'github', 'Fix, then
            ship ''it''', 'open', 'indeterminate', now() - interval '1 day', 'cy-gh', 'cy'),
                   ('A-1', 'jira', 'Plan', 'Done', 'done', now() - interval '2 days', NULL, NULL);
            INSERT INTO slack_channels (id, name) VALUES ('C1', 'team, general');
            INSERT INTO interactions (kind, actor, target, issue_key, channel_id, occurred_at, source, source_id) VALUES
                ('REVIEWED', 'ann', 'cy', 'o/r#1', NULL, now() - interval '1 day', 'github', '101'),
                ('REVIEWED', 'ann', 'github:outsider', 'o/r#2', NULL, now() - interval '2 days', 'github', '102'),
                ('REVIEWED', 'dee', 'ann', 'o/r#3', NULL, now() - interval '3 days', 'github', '103'),
                ('ASSIGNED_TO', 'cy', 'o/r#1', 'o/r#1', NULL, now() - interval '1 day', 'github', 'o/r#1 cy-gh'),
                ('COMMENTED_ON', 'bob', 'A-1', 'A-1', NULL, now() - interval '2 days', 'jira', 'comment:9'),
                ('MENTIONED', 'ann', 'slack:U9', NULL, 'C1', now() - interval '2 days', 'slack', 'C1:1.2');
            """)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try "database.url=\(db.url)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return (db, path)
    }

    /// RFC 4180 reading, written here independently of the exporter.
    static func readCSV(_ text: String) -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
                wasQuoted = true
            } else if c == "," || c == "\n" {
                row.append(field.isEmpty && !wasQuoted ? nil : field)
                field = ""
                wasQuoted = false
                if c == "\n" { rows.append(row); row = [] }
            } else {
                field.append(c)
            }
        }
        return rows
    }

    static func table(_ directory: String, _ name: String) throws -> (header: [String], rows: [[String?]]) {
        let rows = readCSV(try String(contentsOfFile: directory + "/" + name, encoding: .utf8))
        return (rows[0].map { $0 ?? "" }, Array(rows.dropFirst()))
    }

    @Test func csvExportHoldsEveryNodeAndEdgeOfTheDatabase() throws {
        let (db, path) = try Self.setUp()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("graph-\(UUID().uuidString)").path
        let result = try CommandRunner.run("worksupport", ["graph", "export", "--format", "neo4j-csv", "--out", out, "--config", path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let connection = try db.connect()

        let users = try Self.table(out, "nodes-User.csv")
        #expect(users.header == ["id:ID(User)", "name", "member:boolean", "role", ":LABEL"])
        let people = try connection.query("""
            SELECT p.id, m.name, (m.member_id IS NOT NULL)::text AS member, m.role FROM (
                SELECT member_id AS id FROM team_members UNION SELECT actor FROM interactions
                UNION SELECT target FROM interactions WHERE kind IN ('REVIEWED', 'MENTIONED', 'REPLIED_TO')) p
            LEFT JOIN team_members m ON m.member_id = p.id ORDER BY p.id
            """).map { [try $0.get("id") as String?, try $0.get("name"), try $0.get("member"), try $0.get("role"), "User"] }
        #expect(users.rows == people)
        #expect(users.rows.contains { $0[1] == "Ann \"The Hub\", Jr." })

        let issues = try Self.table(out, "nodes-Issue.csv")
        #expect(issues.header == ["key:ID(Issue)", "summary", "status", "source", ":LABEL"])
        let stored = try connection.query("""
            SELECT k AS key, i.summary, i.status, i.source FROM (SELECT DISTINCT target AS k FROM interactions
            WHERE kind IN ('ASSIGNED_TO', 'COMMENTED_ON')) t LEFT JOIN issues i ON i.issue_key = t.k ORDER BY k
            """).map { [try $0.get("key") as String?, try $0.get("summary"), try $0.get("status"), try $0.get("source"), "Issue"] }
        #expect(issues.rows == stored)

        let channels = try Self.table(out, "nodes-Channel.csv")
        #expect(channels.rows == [["C1", "team, general", "Channel"]])

        var edges = 0
        for kind in ["ASSIGNED_TO", "REVIEWED", "COMMENTED_ON", "MENTIONED", "REPLIED_TO"] {
            let file = try Self.table(out, "rels-\(kind).csv")
            let end = kind == "ASSIGNED_TO" || kind == "COMMENTED_ON" ? "Issue" : "User"
            #expect(file.header == [":START_ID(User)", ":END_ID(\(end))", "occurred_at:datetime", "source", "source_id",
                                    "issue_key", "channel_id", ":TYPE"])
            let want = try connection.query("""
                SELECT actor, target, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, source, source_id,
                       issue_key, channel_id FROM interactions WHERE kind = $1 ORDER BY source, source_id, target
                """, [kind]).map {
                [try $0.get("actor") as String?, try $0.get("target"), try $0.get("at"), try $0.get("source"), try $0.get("source_id"),
                 try $0.get("issue_key"), try $0.get("channel_id"), kind]
            }
            #expect(file.rows == want, "\(kind)")
            edges += file.rows.count
        }
        let total: Int = try connection.query("SELECT count(*)::int FROM interactions")[0].get(0)
        #expect(edges == total)
        #expect(try Self.table(out, "rels-IN_CHANNEL.csv").rows == [["ann", "C1", "1", "IN_CHANNEL"]])
    }

    @Test func cypherScriptMergesEveryNodeAndEdgeAndIsStableAcrossRuns() throws {
        let (_, path) = try Self.setUp()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("graph-\(UUID().uuidString)").path
        let first = try CommandRunner.run("worksupport", ["graph", "export", "--format", "cypher", "--out", out, "--config", path])
        #expect(first.exitCode == 0, "\(first.stderr)")
        let script = try String(contentsOfFile: out + "/graph.cypher", encoding: .utf8)
        let statements = script.split(separator: "\n")
        // 3 constraints, 6 users, 2 issues, 1 channel, 6 interactions, 1 channel presence; nothing but MERGE creates.
        #expect(statements.count == 19)
        #expect(statements.allSatisfy { $0.hasPrefix("MERGE ") || $0.hasPrefix("MATCH ") || $0.hasPrefix("CREATE CONSTRAINT ") })
        #expect(statements.filter { $0.hasPrefix("CREATE CONSTRAINT ") }.allSatisfy { $0.contains("IF NOT EXISTS") })
        #expect(script.contains("SET n.summary = 'Fix, then\\nship \\'it\\''"), "\(script)")
        _ = try CommandRunner.run("worksupport", ["graph", "export", "--format", "cypher", "--out", out, "--config", path])
        #expect(try String(contentsOfFile: out + "/graph.cypher", encoding: .utf8) == script)
    }

    @Test func teamCommandsPrintTheirTables() throws {
        let (_, path) = try Self.setUp()
        let reviews = try CommandRunner.run("worksupport", ["team", "reviews", "--config", path])
        #expect(reviews.exitCode == 0, "\(reviews.stderr)")
        #expect(reviews.stdout.contains("reviews: 3 between 5 people"))
        // ann is reviewed by dee and reviews two others: the only one between anyone.
        let annLine = reviews.stdout.split(separator: "\n").first { $0.hasPrefix("ann ") }.map { $0.split(separator: " ").joined(separator: " ") }
        #expect(annLine?.hasPrefix("ann yes 2 1 2 ") == true && annLine?.hasSuffix(" 2.00") == true, "\(reviews.stdout)")
        let owners = try CommandRunner.run("worksupport", ["team", "owners", "--config", path])
        #expect(owners.stdout.contains("(no current ticket)"), "\(owners.stdout)")
        let quiet = try CommandRunner.run("worksupport", ["team", "quiet", "--since", "7d", "--config", path])
        #expect(quiet.exitCode == 0)
        #expect(quiet.stdout.contains("quiet: 0 of 4 members"), "\(quiet.stdout)")
        let bad = try CommandRunner.run("worksupport", ["team", "quiet", "--since", "last week", "--config", path])
        #expect(bad.exitCode == 1)
        #expect(bad.stderr.contains("--since must be"))
    }
}
