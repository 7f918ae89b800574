import API
import Foundation
import Postgres
import TestKit
import Testing
import WorkSupportCore
import WorkSupportStore

/// The anomaly pass that each applied Jira delivery runs for its issue and the issues around it,
/// on a small tree: Product Version DEMO-100 → Features DEMO-1, DEMO-2 → Stories.
@Suite struct WebhookAnomalyTests {
    let fixture: WebhookFixture
    var db: PostgresConnection { fixture.connection }

    init() throws {
        fixture = try WebhookFixture(github: false)
        try insert("DEMO-100", type: 10004, parent: nil)
        try insert("DEMO-1", type: 10000, parent: "DEMO-100")
        try insert("DEMO-2", type: 10000, parent: "DEMO-100")
    }

    func insert(_ key: String, type: Int, parent: String?, assignee: String = WebhookFixture.jiraAccount,
                member: String? = "jdoe", fixVersions: [String] = ["2.4"]) throws {
        try db.query("""
            INSERT INTO issues (issue_key, source, issue_type_id, parent_key, assignee, assignee_member_id,
                                fix_versions, status_category, updated_at)
            VALUES ($1, 'jira', $2, $3, $4, $5, $6, 'new', '2026-01-01T00:00:00Z')
            """, [key, type, parent, assignee, member, fixVersions])
    }

    /// The full pass, as after a harvest run.
    func harvestPass() throws {
        try AnomalyPass(connection: db, anomaly: fixture.config.anomaly, release: fixture.config.release)
            .run(now: Date(), runID: nil)
    }

    func open() throws -> [String] {
        try db.query("SELECT kind || ' ' || issue_key AS f FROM anomalies WHERE resolved_at IS NULL ORDER BY 1")
            .map { try $0.get("f") }
    }

    /// A Jira delivery of `key`, updated now (newer than the inserted rows, and not stale).
    func deliver(_ key: String, event: String = "jira:issue_updated", type: (id: String, name: String) = ("10101", "Story"),
                 parent: String? = "DEMO-1", assignee: String = WebhookFixture.jiraAccount,
                 fixVersions: [String] = ["2.4"]) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        let response = fixture.jira(body: WebhookFixture.jiraBody(
            event: event, key: key, updated: formatter.string(from: Date()), assignee: assignee, type: type,
            parent: parent, fixVersions: fixVersions))
        #expect(response.json["status"] == "applied")
    }

    @Test func aDeliveryThatBreaksAnIssueOpensItsAnomaly() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1")
        try insert("DEMO-8", type: 10101, parent: "DEMO-2")
        try harvestPass()
        #expect(try open() == [])
        deliver("DEMO-7", assignee: "557058:stranger")
        #expect(try open() == ["unassigned_member DEMO-7"])
    }

    @Test func aDeliveryThatFixesAnIssueResolvesItsAnomaly() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1", assignee: "557058:stranger", member: nil)
        try insert("DEMO-8", type: 10101, parent: "DEMO-2")
        try harvestPass()
        #expect(try open() == ["unassigned_member DEMO-7"])
        deliver("DEMO-7")
        #expect(try open() == [])
        let resolved: Date? = try db.query("SELECT resolved_at FROM anomalies WHERE issue_key = 'DEMO-7'")[0].get("resolved_at")
        #expect(resolved != nil)
    }

    @Test func anomaliesOfUntouchedIssuesStayAsTheyAre() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1")
        try insert("DEMO-8", type: 10101, parent: "DEMO-2", assignee: "557058:stranger", member: nil)
        try harvestPass()
        let before = try db.query("SELECT last_seen, occurrences FROM anomalies WHERE issue_key = 'DEMO-8'")[0]
        // Fixed in the table, but no delivery touched DEMO-8 or its neighbours: the next harvest resolves it.
        try db.execute("UPDATE issues SET assignee = '557058:jdoe', assignee_member_id = 'jdoe' WHERE issue_key = 'DEMO-8'")
        deliver("DEMO-7", assignee: "557058:stranger")
        #expect(try open() == ["unassigned_member DEMO-7", "unassigned_member DEMO-8"])
        let after = try db.query("SELECT last_seen, occurrences FROM anomalies WHERE issue_key = 'DEMO-8'")[0]
        #expect(try after.get("last_seen") as Date == before.get("last_seen") as Date)
        #expect(try after.get("occurrences") as Int == before.get("occurrences") as Int)
    }

    @Test func deletingAParentOrphansItsChildrenAndResolvesItsOwnFindings() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1")
        try insert("DEMO-8", type: 10101, parent: "DEMO-2")
        try db.execute("UPDATE issues SET assignee_member_id = NULL, assignee = 'x' WHERE issue_key = 'DEMO-1'")
        try harvestPass()
        #expect(try open() == ["unassigned_member DEMO-1"])
        deliver("DEMO-1", event: "jira:issue_deleted", type: ("10000", "Feature"), parent: "DEMO-100")
        #expect(try fixture.issue("DEMO-1") == nil)
        #expect(try open() == ["orphan_parent DEMO-7"])
    }

    @Test func deletingTheLastChildLeavesItsParentWithoutChildren() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1")
        try insert("DEMO-8", type: 10101, parent: "DEMO-2")
        try harvestPass()
        deliver("DEMO-7", event: "jira:issue_deleted")
        #expect(try open() == ["epic_without_children DEMO-1"])
    }

    @Test func movingAChildUpdatesItsOldAndNewParent() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1")
        try harvestPass()
        #expect(try open() == ["epic_without_children DEMO-2"])
        deliver("DEMO-7", parent: "DEMO-2")
        #expect(try open() == ["epic_without_children DEMO-1"])
    }

    @Test func aChildFollowsItsParentsReleaseAfterADeliveryForTheParent() throws {
        try insert("DEMO-7", type: 10101, parent: "DEMO-1")
        try insert("DEMO-9", type: 10101, parent: "DEMO-1", fixVersions: [])
        try insert("DEMO-8", type: 10101, parent: "DEMO-2")
        try harvestPass()
        let memberships = { () throws -> [String] in
            try self.db.query("SELECT release_name || ' ' || via AS m FROM issue_releases WHERE issue_key = 'DEMO-9' ORDER BY 1")
                .map { try $0.get("m") }
        }
        #expect(try memberships() == ["2.4 parent"])
        deliver("DEMO-1", type: ("10000", "Feature"), parent: "DEMO-100", fixVersions: ["3.0", "3.1"])
        #expect(try memberships() == ["3.0 parent", "3.1 parent"])
    }
}
