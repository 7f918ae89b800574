import Foundation
import Postgres
import Testing
import TestKit
import WorkSupportCore
import WorkSupportStore

/// The pass for the issues one write touches (`AnomalyPass.neighbours(of:)` before the write,
/// `run(touched:neighboursBefore:now:)` after it, in one transaction), on hand-made rows in the
/// default hierarchy: what it finds must be what a full pass would find.
@Suite struct ScopedAnomalyPassTests {
    let db: PostgresConnection
    let database: TestDatabase
    var pass: AnomalyPass { AnomalyPass(connection: db, anomaly: AnomalyConfig(), release: ReleaseConfig()) }

    init() throws {
        database = try TestDatabase.createMigrated()
        db = try database.connect()
        try db.execute("""
            INSERT INTO team_members (member_id, name, jira_id) VALUES ('m1', 'Member', 'acc-1');
            INSERT INTO issues (issue_key, source, issue_type_id, parent_key, fix_versions, assignee, assignee_member_id, updated_at)
            VALUES ('P-1', 'jira', 10004, NULL, '{1.0}', 'acc-1', 'm1', now()),
                   ('F-1', 'jira', 10000, 'P-1', '{1.0}', 'acc-1', 'm1', now()),
                   ('F-2', 'jira', 10000, 'P-1', '{2.0}', 'acc-1', 'm1', now()),
                   ('S-1', 'jira', 10101, 'F-1', '{1.0}', 'acc-1', 'm1', now()),
                   ('S-2', 'jira', 10101, 'F-2', '{}', 'acc-1', 'm1', now());
            INSERT INTO issues (issue_key, source, issue_type_id, linked_key, updated_at)
            VALUES ('o/r#1', 'github', -2, 'S-1', now()), ('o/r#2', 'github', -2, 'S-1', now()),
                   ('o/r#3', 'github', -2, 'F-1', now());
            """)
        try pass.run(now: Date(), runID: nil)
    }

    /// `sql` as a webhook applies it: neighbours, the write, the pass, one transaction.
    @discardableResult
    func write(_ keys: [String], _ sql: String) throws -> AnomalyPassResult {
        try db.transaction { _ in
            let before = try pass.neighbours(of: keys)
            try db.execute(sql)
            return try pass.run(touched: keys, neighboursBefore: before, now: Date())
        }
    }

    func open() throws -> [String] {
        try db.query("SELECT kind || ' ' || issue_key AS f FROM anomalies WHERE resolved_at IS NULL ORDER BY 1")
            .map { try $0.get("f") }
    }

    func memberships(_ key: String) throws -> [String] {
        try db.query("SELECT release_name || ' ' || via AS m FROM issue_releases WHERE issue_key = $1 ORDER BY 1", [key])
            .map { try $0.get("m") }
    }

    func allMemberships() throws -> [String] {
        try db.query("SELECT release_name || ' ' || issue_key || ' ' || via AS m FROM issue_releases ORDER BY 1")
            .map { try $0.get("m") }
    }

    @Test func droppingALinkedKeyResolvesTheOtherHolder() throws {
        #expect(try open() == ["duplicate_github_link o/r#1", "duplicate_github_link o/r#2", "missing_release S-2"])
        let result = try write(["o/r#2"], "UPDATE issues SET linked_key = 'F-2' WHERE issue_key = 'o/r#2'")
        #expect(result == AnomalyPassResult(new: 0, resolved: 2, open: 0))
        #expect(try open() == ["missing_release S-2"])
    }

    @Test func takingALinkedKeyFlagsTheHolderAlready() throws {
        try write(["o/r#4"], "INSERT INTO issues (issue_key, source, issue_type_id, linked_key, updated_at) VALUES ('o/r#4', 'github', -2, 'F-1', now())")
        #expect(try open().filter { $0.hasSuffix("#3") || $0.hasSuffix("#4") }
                == ["duplicate_github_link o/r#3", "duplicate_github_link o/r#4"])
        let details: String = try db.query("SELECT details::text AS d FROM anomalies WHERE issue_key = 'o/r#3'")[0].get("d")
        #expect(details.contains("o/r#4"))
    }

    @Test func changingATypeChecksTheChildren() throws {
        try write(["F-1"], "UPDATE issues SET issue_type_id = 10101 WHERE issue_key = 'F-1'")
        #expect(try open().contains("type_hierarchy_violation S-1"))
        try write(["F-1"], "UPDATE issues SET issue_type_id = 10000 WHERE issue_key = 'F-1'")
        #expect(!(try open().contains("type_hierarchy_violation S-1")))
    }

    @Test func deletingAnIssueMovesItsInheritingChildrenOutOfItsReleases() throws {
        #expect(try memberships("S-2") == ["2.0 parent"])
        try write(["F-2"], "DELETE FROM issues WHERE issue_key = 'F-2'")
        #expect(try memberships("F-2") == [])
        #expect(try memberships("S-2") == [])
        #expect(try open().contains("orphan_parent S-2"))
    }

    @Test func labelsStandInForAMissingFixVersionDownTheTree() throws {
        try write(["F-2"], "UPDATE issues SET fix_versions = '{}', labels = '{release-3.0,release-3.0x}' WHERE issue_key = 'F-2'")
        #expect(try memberships("F-2") == ["3.0 label", "3.0x label"])
        #expect(try memberships("S-2") == ["3.0 parent", "3.0x parent"])
    }

    /// After any sequence of scoped passes, a full pass has nothing left to change.
    @Test func aFullPassAfterScopedPassesChangesNothing() throws {
        try write(["S-1"], "UPDATE issues SET parent_key = 'F-2', assignee = 'acc-9', assignee_member_id = NULL WHERE issue_key = 'S-1'")
        try write(["F-1"], "DELETE FROM issues WHERE issue_key = 'F-1'")
        try write(["S-3"], "INSERT INTO issues (issue_key, source, issue_type_id, parent_key, updated_at) VALUES ('S-3', 'jira', 10101, 'F-1', now())")
        try write(["o/r#1"], "UPDATE issues SET linked_key = NULL WHERE issue_key = 'o/r#1'")
        try write(["P-1"], "UPDATE issues SET fix_versions = '{9.9}' WHERE issue_key = 'P-1'")
        let scoped = try open()
        let members = try allMemberships()
        let full = try pass.run(now: Date(), runID: nil)
        #expect(full.new == 0 && full.resolved == 0)
        #expect(try open() == scoped)
        #expect(try allMemberships() == members)
    }
}
