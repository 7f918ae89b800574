import Foundation
import Postgres
import Testing
import TestKit
@testable import WorkSupportStore

/// The gold views of migration 0020 agree with the reference definitions (`IssueFlow`) on the
/// hand-computed examples of docs/flow.md.
@Suite struct FlowViewTests {
    static func migrated() throws -> PostgresConnection {
        try TestDatabase.createMigrated().connect()
    }

    /// Issue `key` created at 2026-03-02T00:00Z, with status moves (changelog id, hours, from, to).
    static func insert(_ key: String, _ moves: [(Int, Double, String, String)], into db: PostgresConnection,
                       historyComplete: Bool? = true) throws {
        let names = ["1": ("To Do", "new"), "3": ("In Progress", "indeterminate"), "4": ("In Review", "indeterminate"),
                     "5": ("Done", "done"), "6": ("Closed", "done")]
        try db.query("""
            INSERT INTO issues (issue_key, source, status_category, created_at, updated_at)
            VALUES ($1, 'jira', 'done', '2026-03-02T00:00:00Z', now())
            """, [key])
        for (id, hours, from, to) in moves {
            let source = names[from] ?? ("Legacy \(from)", "unknown"), target = names[to] ?? ("Legacy \(to)", "unknown")
            try db.query("""
                INSERT INTO issue_transitions (issue_key, changelog_id, field, changed_at, from_value, to_value, from_id, to_id,
                                               from_category, to_category, history_order)
                VALUES ($1, $2, 'status', '2026-03-02T00:00:00Z'::timestamptz + $3 * interval '1 hour', $4, $5, $6, $7, $8, $9, $10)
                """, [key, String(id), hours, source.0, target.0, from, to, source.1, target.1, id])
        }
        if let historyComplete {
            try db.query("INSERT INTO issue_histories (issue_key, complete, reason) VALUES ($1, $2, $3)",
                         [key, historyComplete, historyComplete ? nil : "HTTP 500"])
        }
    }

    @Test func reopenExampleMatchesTheReferenceDefinitions() throws {
        let db = try Self.migrated()
        try Self.insert("A-1", [(1, 2, "1", "3"), (2, 5, "3", "5"), (3, 8, "5", "3"), (4, 9, "3", "5"), (5, 12, "5", "6")], into: db)
        let row = try #require(db.query("SELECT * FROM issue_flow WHERE issue_key = 'A-1'").first)
        #expect(try row.get("cycle_seconds", as: Double.self) == 25_200)
        #expect(try row.get("lead_seconds", as: Double.self) == 32_400)
        #expect(try row.get("reopen_count", as: Int.self) == 1)
        #expect(try row.get("done_at", as: Date.self) == IssueFlowTests.at(9))
        #expect(try row.get("problems", as: [String].self) == [])
        let intervals = try db.query("""
            SELECT status, sum(seconds)::float8 AS seconds FROM issue_status_intervals WHERE issue_key = 'A-1' GROUP BY status
            """)
        var byStatus: [String: Double] = [:]
        for interval in intervals { byStatus[try interval.get("status")] = try interval.get("seconds") }
        #expect(byStatus == ["To Do": 7200, "In Progress": 14_400, "Done": 21_600])
    }

    @Test func contradictionsAndGapsAreNamed() throws {
        let db = try Self.migrated()
        try Self.insert("B-1", [(1, 10, "1", "3"), (2, 4, "3", "5")], into: db)
        try Self.insert("B-2", [(1, 1, "1", "3"), (2, 2, "4", "5")], into: db)
        try Self.insert("B-3", [(1, 1, "1", "99"), (2, 2, "99", "5")], into: db)
        try Self.insert("B-4", [], into: db, historyComplete: false)
        try Self.insert("B-5", [], into: db, historyComplete: nil)
        try Self.insert("B-6", [(10, 6, "3", "5"), (9, 1, "1", "3")], into: db)
        var problems: [String: [String]] = [:]
        for row in try db.query("SELECT issue_key, problems FROM issue_flow") {
            problems[try row.get("issue_key")] = try row.get("problems")
        }
        #expect(problems == ["B-1": ["done_before_started"], "B-2": ["unknown_from_status"], "B-3": ["unknown_status"],
                             "B-4": ["history_incomplete"], "B-5": ["history_missing"], "B-6": []])
    }
}

/// `IssueFlowTests.at` without the core test target.
enum IssueFlowTests {
    static func at(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_772_409_600 + hours * 3600) }
}
