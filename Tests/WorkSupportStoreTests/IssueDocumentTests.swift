import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

/// `issue_documents` (migration 0016): after every kind of write, each issue's stored document is
/// the one its rows build, and nothing else is stored.
@Suite struct IssueDocumentTests {
    typealias F = IssueStoreFixtures

    static func record(_ key: String, parent: String?, summary: String = "Summary",
                       updated: String = "2026-11-20T10:00:00Z") -> IssueRecord {
        var record = F.record(key, updated: updated, summary: summary)
        record.parentKey = parent
        return record
    }

    /// Keys whose stored document differs from the one built now, or is missing, or has no issue.
    static func stale(_ db: PostgresConnection) throws -> [String] {
        try db.query("""
            SELECT coalesce(d.issue_key, b.issue_key) AS k
            FROM issue_documents d
            FULL JOIN issue_documents_built(ARRAY(SELECT issue_key FROM issues)) b ON b.issue_key = d.issue_key
            WHERE d.body IS DISTINCT FROM b.body ORDER BY 1
            """).map { try $0.get("k") }
    }

    static func document(_ db: PostgresConnection, _ key: String) throws -> JSONValue? {
        guard let body: String = try db.query("SELECT body FROM issue_documents WHERE issue_key = $1",
                                              [key]).first?.get("body") else { return nil }
        return try JSONValue.parse(body)
    }

    static func parentSummary(_ db: PostgresConnection, _ key: String) throws -> String? {
        try document(db, key)?["parent"]?["summary"]?.stringValue
    }

    static func children(_ db: PostgresConnection, _ key: String) throws -> [String] {
        try document(db, key)?["children"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func writesOfIssuesKeepTheirOwnTheirParentsAndTheirChildrensDocuments() throws {
        let f = try F()
        let run = try f.startRun()
        // Children first: their parent is not there yet.
        try f.writer.upsert([Self.record("P-2", parent: "P-1"), Self.record("P-3", parent: "P-1")], runID: run)
        #expect(try Self.document(f.db, "P-2")?["parent"] == .null)
        try f.writer.upsert([Self.record("P-1", parent: nil, summary: "Version one")], runID: run)
        #expect(try Self.parentSummary(f.db, "P-2") == "Version one")
        #expect(try Self.children(f.db, "P-1") == ["P-2", "P-3"])
        #expect(try Self.stale(f.db) == [])

        // The parent's summary changes: its children show it.
        try f.writer.upsert([Self.record("P-1", parent: nil, summary: "Version 1.1", updated: "2026-11-21T10:00:00Z")],
                            runID: run)
        #expect(try Self.parentSummary(f.db, "P-3") == "Version 1.1")
        // A child moves to another parent: both parents' lists change.
        try f.writer.upsert([Self.record("P-4", parent: nil),
                             Self.record("P-3", parent: "P-4", updated: "2026-11-21T10:00:00Z")], runID: run)
        #expect(try Self.children(f.db, "P-1") == ["P-2"])
        #expect(try Self.children(f.db, "P-4") == ["P-3"])
        #expect(try Self.stale(f.db) == [])

        // The parent goes: its document goes, its child's parent is gone.
        try f.db.execute("DELETE FROM issues WHERE issue_key = 'P-1'")
        #expect(try Self.document(f.db, "P-1") == nil)
        #expect(try Self.document(f.db, "P-2")?["parent"] == .null)
        #expect(try Self.stale(f.db) == [])
    }

    @Test func anomaliesMembersAndTypesReachTheDocumentsThatShowThem() throws {
        let f = try F()
        try f.writer.upsert([Self.record("P-1", parent: nil), Self.record("P-2", parent: "P-1")], runID: try f.startRun())

        try f.db.execute("INSERT INTO anomalies (kind, issue_key, details) VALUES ('orphan_parent', 'P-2', '{\"n\": 1}')")
        #expect(try Self.document(f.db, "P-2")?["anomalies"]?[0]?["kind"]?.stringValue == "orphan_parent")
        try f.db.execute("UPDATE anomalies SET resolved_at = now() WHERE issue_key = 'P-2'")
        #expect(try Self.document(f.db, "P-2")?["anomalies"]?.arrayValue?.isEmpty == true)

        try f.db.execute("UPDATE team_members SET name = 'Jane Doe' WHERE member_id = 'jdoe'")
        #expect(try Self.document(f.db, "P-1")?["assignee_member"]?["name"]?.stringValue == "Jane Doe")
        try f.db.execute("DELETE FROM team_members WHERE member_id = 'jdoe'")
        #expect(try Self.document(f.db, "P-1")?["assignee_member"] == .null)

        // A type's name shows in its issues' documents and in their children's (the parent's type).
        try f.db.execute("UPDATE issue_types SET name = 'Capability' WHERE id = 10000")
        #expect(try Self.document(f.db, "P-1")?["issue_type"]?["name"]?.stringValue == "Capability")
        #expect(try Self.document(f.db, "P-2")?["parent"]?["issue_type"]?.stringValue == "Capability")
        #expect(try Self.stale(f.db) == [])

        try f.db.execute("TRUNCATE issues CASCADE")
        #expect(try f.db.query("SELECT count(*) AS n FROM issue_documents")[0].get("n") as Int == 0)
    }

    /// A full reload made live (delete, update, insert in one transaction) leaves every document current.
    @Test func aStagedReloadLeavesEveryDocumentCurrent() throws {
        let f = try F()
        try f.writer.upsert([Self.record("P-1", parent: nil), Self.record("P-2", parent: "P-1"),
                             Self.record("P-3", parent: "P-1")], runID: try f.startRun())
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        try reload.stage([Self.record("P-1", parent: nil, summary: "Renamed", updated: "2026-11-21T10:00:00Z"),
                          Self.record("P-3", parent: "P-1"), Self.record("P-5", parent: "P-1")])
        _ = try reload.commit(snapshotStartedAt: Date())
        #expect(try Self.children(f.db, "P-1") == ["P-3", "P-5"])
        #expect(try Self.parentSummary(f.db, "P-5") == "Renamed")
        #expect(try Self.document(f.db, "P-2") == nil)
        #expect(try Self.stale(f.db) == [])
    }

    /// Writing unchanged data writes no document; neither does a change to a column no document shows.
    @Test func unchangedWritesLeaveTheDocumentsUntouched() throws {
        let f = try F()
        let records = [Self.record("P-1", parent: nil), Self.record("P-2", parent: "P-1")]
        try f.writer.upsert(records, runID: try f.startRun())
        let versions = "SELECT string_agg(issue_key || xmin::text, ',' ORDER BY issue_key) AS v FROM issue_documents"
        let before: String = try f.db.query(versions)[0].get("v")
        try f.writer.upsert(records, runID: try f.startRun())
        try f.db.execute("UPDATE issues SET last_run_id = NULL, raw = '{\"other\": true}'")
        #expect(try f.db.query(versions)[0].get("v") as String == before)
    }

    /// With no stored document (written around the triggers), a lookup builds it from the tables.
    @Test func aLookupWithoutAStoredDocumentBuildsIt() throws {
        let f = try F()
        try f.writer.upsert([Self.record("P-1", parent: nil), Self.record("P-2", parent: "P-1")], runID: try f.startRun())
        let queries = IssueQueries(connection: f.db)
        let stored = try #require(try queries.issueJSON(key: "P-1"))
        let key = try APIKeyStore(connection: f.db).create(name: "test").key
        try f.db.execute("DELETE FROM issue_documents")
        #expect(try queries.issueJSON(key: "P-1") == stored)
        let checked = try queries.issueJSON(key: "P-1", checkingKeyHash: APIKeyMaterial.hash(of: key))
        #expect(checked.caller?.name == "test")
        #expect(checked.body == stored)
        #expect(try queries.issueJSON(key: "P-9") == nil)
        #expect(try queries.issueJSON(key: "P-9", checkingKeyHash: APIKeyMaterial.hash(of: key)).body == nil)
    }

    /// A child added by one transaction while another changes its parent's summary: whichever
    /// commits last, the child's document ends with the new summary.
    @Test(arguments: [false, true])
    func concurrentWritesToAParentAndItsNewChildEndCurrent(childCommitsFirst: Bool) throws {
        let f = try F()
        try f.writer.upsert([Self.record("P-1", parent: nil, summary: "Old")], runID: try f.startRun())
        let other = try f.database.connect()
        let addChild = """
            INSERT INTO issues (issue_key, source, summary, parent_key, updated_at)
            VALUES ('P-2', 'jira', 'Child', 'P-1', now())
            """
        let renameParent = "UPDATE issues SET summary = 'New' WHERE issue_key = 'P-1'"
        try f.db.execute("BEGIN")
        try other.execute("BEGIN")
        try f.db.execute(addChild)
        try other.execute(renameParent)
        if childCommitsFirst {
            try f.db.execute("COMMIT")
            try other.execute("COMMIT")
        } else {
            try other.execute("COMMIT")
            try f.db.execute("COMMIT")
        }
        #expect(try Self.parentSummary(f.db, "P-2") == "New")
        #expect(try Self.children(f.db, "P-1") == ["P-2"])
        #expect(try Self.stale(f.db) == [])
    }
}
