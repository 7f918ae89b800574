import Foundation
import JSON
import Postgres
import TestKit
import WorkSupportCore
import WorkSupportStore

/// A migrated scratch database and issue records to write into it.
struct IssueStoreFixtures {
    let database: TestDatabase
    let db: PostgresConnection

    init(function: String = #function) throws {
        database = try TestDatabase.create(function: function)
        db = try database.connect()
        _ = try MigrationRunner(connection: db).migrate(try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory))
        try db.execute("INSERT INTO team_members (member_id, name, jira_id, github_id) VALUES ('jdoe', 'John Doe', 'acc-1', 'john-doe')")
    }

    var writer: IssueWriter { IssueWriter(connection: db) }
    var runs: HarvestRunStore { HarvestRunStore(connection: db) }

    func startRun(fullReload: Bool = false) throws -> Int64 {
        try runs.start(kind: .scheduled, trigger: "test", fullReload: fullReload)
    }

    static func record(_ key: String, updated: String = "2026-11-20T10:00:00Z", summary: String = "Summary",
                       member: String? = "jdoe", labels: [String] = ["work-support"]) -> IssueRecord {
        IssueRecord(issueKey: key, source: .jira, summary: summary, status: "Open", statusCategory: "new",
                    issueTypeID: 10000, issueTypeName: "Feature", parentKey: "AIPRDV-1", epicKey: nil,
                    linkedKey: nil, assignee: member == nil ? nil : "acc-1", assigneeMemberID: member,
                    labels: labels, fixVersions: ["2026.4"], url: "https://j/browse/\(key)",
                    createdAt: UpstreamTimestamp.parse("2026-11-01T00:00:00Z"),
                    updatedAt: UpstreamTimestamp.parse(updated)!, resolvedAt: nil,
                    raw: ["key": .string(key), "fields": ["summary": .string(summary)]])
    }

    /// Each row's physical identity: a changed xmin or ctid means a new row version was written.
    func rowVersions() throws -> [String: String] {
        var versions: [String: String] = [:]
        for row in try db.query("SELECT issue_key, xmin::text || '/' || ctid::text AS v FROM issues") {
            versions[try row.get("issue_key")] = try row.get("v")
        }
        return versions
    }

    /// A digest of every live column of every row.
    func liveChecksum() throws -> String {
        try db.query("SELECT coalesce(md5(string_agg(i::text, '|' ORDER BY issue_key)), '') AS c FROM issues i")[0].get("c")
    }

    func keys() throws -> [String] {
        try db.query("SELECT issue_key FROM issues ORDER BY issue_key").map { try $0.get("issue_key") }
    }

    func value<T: PostgresDecodable>(_ column: String, of key: String, as type: T.Type = T.self) throws -> T {
        try db.query("SELECT \(column) AS v FROM issues WHERE issue_key = $1", [key])[0].get("v")
    }
}
