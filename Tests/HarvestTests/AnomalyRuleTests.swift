import Foundation
import Postgres
import Testing
import TestKit
import WorkSupportCore
import WorkSupportStore

/// Rules the simulator does not plant, and the edges of the planted ones, on hand-made rows in
/// the default hierarchy (Product Version → Feature / Customer Adoption → Story / Task).
@Suite struct AnomalyRuleTests {
    let db: PostgresConnection
    let database: TestDatabase

    init() throws {
        database = try TestDatabase.createMigrated()
        db = try database.connect()
        try db.execute("INSERT INTO team_members (member_id, name, jira_id, github_id) VALUES ('m1', 'Member', 'acc-1', 'member-1')")
    }

    func insert(_ key: String, type: Int, parent: String? = nil, source: String = "jira", fixVersions: [String] = ["1.0"],
                labels: [String] = [], assignee: String? = nil, member: String? = nil, linked: String? = nil) throws {
        try db.query("""
            INSERT INTO issues (issue_key, source, issue_type_id, parent_key, fix_versions, labels, assignee,
                                assignee_member_id, linked_key, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
            """, [key, source, type, parent, fixVersions, labels, assignee, member, linked])
    }

    func pass() throws -> [String] {
        try AnomalyPass(connection: db, anomaly: AnomalyConfig(), release: ReleaseConfig()).run(now: Date(), runID: nil)
        return try db.query("SELECT kind || ' ' || issue_key AS f FROM anomalies WHERE resolved_at IS NULL ORDER BY 1")
            .map { try $0.get("f") }
    }

    /// A healthy tree: Product Version → Feature → Story.
    func tree() throws {
        try insert("P-1", type: 10004)
        try insert("F-1", type: 10000, parent: "P-1")
        try insert("S-1", type: 10101, parent: "F-1")
    }

    @Test func aHealthyTreeHasNoAnomalies() throws {
        try tree()
        #expect(try pass() == [])
    }

    @Test func parentTypeWithoutChildrenIsEpicWithoutChildren() throws {
        try tree()
        try insert("F-2", type: 10000, parent: "P-1")
        #expect(try pass() == ["epic_without_children F-2"])
    }

    @Test func childTypeWithoutParentIsStoryWithoutEpic() throws {
        try tree()
        try insert("S-2", type: 10101)
        #expect(try pass() == ["story_without_epic S-2"])
    }

    @Test func missingParentIsOrphanNotStoryWithoutEpic() throws {
        try tree()
        try insert("S-2", type: 10101, parent: "GONE-1")
        #expect(try pass() == ["orphan_parent S-2"])
    }

    @Test func missingReleaseCountsOnlyTheLeafsOwnFieldsAndReleaseLabels() throws {
        try tree()
        try insert("S-2", type: 10101, parent: "F-1", fixVersions: [])
        try insert("S-3", type: 10104, parent: "F-1", fixVersions: [], labels: ["release-2.0"])
        try insert("F-2", type: 10000, parent: "P-1", fixVersions: [])
        try insert("S-4", type: 10101, parent: "F-2")
        #expect(try pass() == ["missing_release S-2"])
    }

    @Test func unknownTypeIsNotAlsoAHierarchyViolation() throws {
        try tree()
        try insert("B-1", type: -1, parent: "F-1")
        try insert("S-2", type: 10101, parent: "P-1")
        #expect(try pass() == ["type_hierarchy_violation S-2", "unknown_issue_type B-1"])
    }

    @Test func outsideAssigneeIsFlaggedOnJiraOnly() throws {
        try tree()
        try db.execute("UPDATE issues SET assignee = 'acc-9' WHERE issue_key = 'S-1'")
        try insert("o/r#1", type: -2, source: "github", fixVersions: [], assignee: "stranger")
        #expect(try pass() == ["unassigned_member S-1"])
    }

    @Test func everyItemLinkingTheSameKeyIsADuplicate() throws {
        try tree()
        for number in 1...3 { try insert("o/r#\(number)", type: -2, source: "github", fixVersions: [], linked: "S-1") }
        try insert("o/r#4", type: -2, source: "github", fixVersions: [], linked: "F-1")
        #expect(try pass() == ["duplicate_github_link o/r#1", "duplicate_github_link o/r#2", "duplicate_github_link o/r#3"])
    }

    @Test func staleUsesThePassesNow() throws {
        try tree()
        try db.execute("UPDATE issues SET status_category = 'indeterminate', updated_at = '2026-01-01T00:00:00Z' WHERE issue_key = 'S-1'")
        let pass = AnomalyPass(connection: db, anomaly: AnomalyConfig(staleDays: 14), release: ReleaseConfig())
        #expect(try pass.run(now: Date(timeIntervalSince1970: 1_767_225_600 + 13 * 86_400), runID: nil).open == 0)
        #expect(try pass.run(now: Date(timeIntervalSince1970: 1_767_225_600 + 15 * 86_400), runID: nil).open == 1)
    }

    /// The first pass fills the empty membership table without its indexes, then builds them.
    @Test func firstPassLeavesTheMembershipIndexesAsMigrated() throws {
        let indexes = "SELECT indexname || ' ' || indexdef AS i FROM pg_indexes WHERE tablename = 'issue_releases' ORDER BY 1"
        let migrated = try db.query(indexes).map { try $0.get("i") as String }
        try tree()
        #expect(try pass() == [])
        #expect(try db.query(indexes).map { try $0.get("i") as String } == migrated)
        let primaryKey: String = try db.query("""
            SELECT conname FROM pg_constraint WHERE conrelid = 'issue_releases'::regclass AND contype = 'p'
            """)[0].get("conname")
        #expect(primaryKey == "issue_releases_pkey")
        #expect(try db.query("SELECT count(*)::int AS n FROM issue_releases")[0].get("n") as Int == 3)
    }

    @Test func passWithoutChangesKeepsCountsAndBumpsOccurrences() throws {
        try tree()
        try insert("S-2", type: 10101, parent: "GONE-1")
        let pass = AnomalyPass(connection: db, anomaly: AnomalyConfig(), release: ReleaseConfig())
        #expect(try pass.run(now: Date(), runID: nil) == AnomalyPassResult(new: 1, resolved: 0, open: 1))
        #expect(try pass.run(now: Date(), runID: nil) == AnomalyPassResult(new: 0, resolved: 0, open: 1))
        let occurrences: Int = try db.query("SELECT occurrences FROM anomalies")[0].get("occurrences")
        #expect(occurrences == 2)
    }
}
