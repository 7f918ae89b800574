import Foundation
import TestKit
import Testing

/// `worksupport flow` on docs/flow.md's example over a set of issues, stored as the harvest
/// stores it (rows, then the flow tables): the table shows the figures the page gives.
@Suite struct FlowCLITests {
    /// A-1 in progress 1 h → done 3 h, A-2 2 h → 6 h, A-3 dated done (4 h) before started (10 h),
    /// A-4 in progress now; all created 2026-03-02 00:00 UTC (a Monday, 2026-W10).
    static func setUp() throws -> (TestDatabase, String) {
        let db = try TestDatabase.createMigrated()
        try db.connect().execute("""
            INSERT INTO jira_statuses (id, name, category)
            VALUES ('1', 'To Do', 'new'), ('3', 'In Progress', 'indeterminate'), ('10', 'Done', 'done');
            INSERT INTO issues (issue_key, source, status, status_category, created_at, updated_at)
            SELECT k, 'jira', CASE WHEN k = 'A-4' THEN 'In Progress' ELSE 'Done' END,
                   CASE WHEN k = 'A-4' THEN 'indeterminate' ELSE 'done' END,
                   '2026-03-02T00:00:00Z', '2026-03-02T12:00:00Z'
            FROM unnest(ARRAY['A-1', 'A-2', 'A-3', 'A-4']) AS k;
            INSERT INTO issue_histories (issue_key, complete, entries)
            SELECT k, true, 2 FROM unnest(ARRAY['A-1', 'A-2', 'A-3', 'A-4']) AS k;
            INSERT INTO issue_transitions (issue_key, changelog_id, field, changed_at, from_value, to_value, from_id, to_id,
                                           from_category, to_category, history_order)
            SELECT issue_key, changelog_id, 'status', '2026-03-02T00:00:00Z'::timestamptz + hours * interval '1 hour',
                   CASE WHEN to_id = '3' THEN 'To Do' ELSE 'In Progress' END, CASE WHEN to_id = '3' THEN 'In Progress' ELSE 'Done' END,
                   CASE WHEN to_id = '3' THEN '1' ELSE '3' END, to_id,
                   CASE WHEN to_id = '3' THEN 'new' ELSE 'indeterminate' END, CASE WHEN to_id = '3' THEN 'indeterminate' ELSE 'done' END,
                   changelog_id::bigint
            FROM (VALUES ('A-1', '11', 1, '3'), ('A-1', '12', 3, '10'), ('A-2', '21', 2, '3'), ('A-2', '22', 6, '10'),
                         ('A-3', '31', 10, '3'), ('A-3', '32', 4, '10'), ('A-4', '41', 1, '3'))
                 AS t(issue_key, changelog_id, hours, to_id);
            """)
        try FlowTables.refreshEveryIssue(on: try db.connect())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try "database.url=\(db.url)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return (db, path)
    }

    /// Output lines with runs of spaces collapsed.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    }

    @Test func flowPrintsTheDocumentedExample() throws {
        let (_, path) = try Self.setUp()
        let result = try CommandRunner.run("worksupport", ["flow", "--config", path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = Self.lines(result.stdout)
        for expected in ["done: 3", "TIME (h) COUNT OF DONE P50 P85 P95",
                         "cycle 2 3 2.00 4.00 4.00", "lead 2 3 3.00 6.00 6.00",
                         "2026-W10 3", "wip now: 1",
                         "In Progress 6.00 2", "To Do 3.00 2",
                         "untrusted: 1", "A-3 done_before_started"] {
            #expect(lines.contains(expected), "missing '\(expected)' in:\n\(result.stdout)")
        }
    }

    @Test func windowAndBadDatesAreHandled() throws {
        let (_, path) = try Self.setUp()
        let later = try CommandRunner.run("worksupport", ["flow", "--config", path, "--from", "2026-03-03", "--to", "2026-04-01"])
        #expect(later.exitCode == 0, "\(later.stderr)")
        let lines = Self.lines(later.stdout)
        #expect(lines.first == "done: 0 (from 2026-03-03T00:00:00Z to 2026-04-01T00:00:00Z)")
        #expect(lines.contains("cycle 0 0 - - -") && lines.contains("wip now: 1") && lines.contains("untrusted: 1"))

        let reversed = try CommandRunner.run("worksupport", ["flow", "--config", path, "--from", "2026-03-10", "--to", "2026-03-01"])
        #expect(reversed.exitCode == 1)
        #expect(reversed.stderr == "worksupport: --from (2026-03-10) is after --to (2026-03-01)\n")
        let bad = try CommandRunner.run("worksupport", ["flow", "--config", path, "--from", "last week"])
        #expect(bad.exitCode == 1)
        #expect(bad.stderr.contains("--from must be a day YYYY-MM-DD"))
    }
}
