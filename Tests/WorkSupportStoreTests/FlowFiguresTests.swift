import Foundation
import JSON
import Postgres
import Testing
import TestKit
import WorkSupportCore
@testable import WorkSupportStore

/// The flow tables of migration 0024: refreshed after the writers commit the rows they mark stale, equal
/// to the gold views' from-scratch computation, backfilled by the migration, gone with their issue.
@Suite struct FlowFiguresTests {
    /// docs/flow.md's examples: the reopen example and every contradiction and gap.
    static func insertExamples(into db: PostgresConnection) throws {
        try FlowViewTests.insert("A-1", [(1, 2, "1", "3"), (2, 5, "3", "5"), (3, 8, "5", "3"), (4, 9, "3", "5"), (5, 12, "5", "6")], into: db)
        try FlowViewTests.insert("B-1", [(1, 10, "1", "3"), (2, 4, "3", "5")], into: db)
        try FlowViewTests.insert("B-2", [(1, 1, "1", "3"), (2, 2, "4", "5")], into: db)
        try FlowViewTests.insert("B-3", [(1, 1, "1", "99"), (2, 2, "99", "5")], into: db)
        try FlowViewTests.insert("B-4", [], into: db, historyComplete: false)
        try FlowViewTests.insert("B-5", [], into: db, historyComplete: nil)
        try FlowViewTests.insert("B-6", [(10, 6, "3", "5"), (9, 1, "1", "3")], into: db)
    }

    @Test func refreshWritesWhatTheGoldViewsComputeFromScratch() throws {
        let db = try FlowViewTests.migrated()
        try Self.insertExamples(into: db)
        try FlowTables.refreshEveryIssue(on: db)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
        let row = try #require(db.query("SELECT * FROM issue_flow_figures WHERE issue_key = 'A-1'").first)
        #expect(try row.get("cycle_seconds", as: Double.self) == 25_200)
        #expect(try row.get("lead_seconds", as: Double.self) == 32_400)
        #expect(try row.get("done_week", as: String.self) == "2026-W10")
        var seconds: [String: Double] = [:]
        for row in try db.query("SELECT status, seconds::float8 AS seconds FROM issue_status_seconds WHERE issue_key = 'A-1'") {
            seconds[try row.get("status")] = try row.get("seconds")
        }
        #expect(seconds == ["To Do": 7200, "In Progress": 14_400, "Done": 21_600])
        #expect(try db.query("SELECT count(*) AS n FROM issue_flow_figures WHERE problems <> '{}'")[0].get("n", as: Int.self) == 5)
    }

    @Test func aSecondRefreshOfUnchangedIssuesWritesNoRowVersion() throws {
        let db = try FlowViewTests.migrated()
        try Self.insertExamples(into: db)
        try FlowTables.refreshEveryIssue(on: db)
        let before = try db.query("SELECT string_agg(xmin::text, ',' ORDER BY issue_key) AS v FROM issue_flow_figures")[0].get("v", as: String.self)
        try FlowTables.refreshEveryIssue(on: db)
        #expect(try db.query("SELECT string_agg(xmin::text, ',' ORDER BY issue_key) AS v FROM issue_flow_figures")[0].get("v", as: String.self) == before)
    }

    static func status(_ key: String, _ id: Int64, hours: Double, from: (String, StatusCategory), to: (String, StatusCategory)) -> TransitionRecord {
        TransitionRecord(issueKey: key, changelogID: String(id), field: .status, changedAt: IssueFlowTests.at(hours), author: nil,
                         fromValue: from.0, toValue: to.0, fromID: from.0, toID: to.0, fromCategory: from.1, toCategory: to.1,
                         historyOrder: id, raw: [:])
    }

    static func isStale(_ key: String, on db: PostgresConnection) throws -> Bool {
        try db.query("SELECT count(*) AS n FROM flow_figures_stale WHERE issue_key = $1", [key])[0].get("n", as: Int.self) == 1
    }

    @Test func recordedHistoriesCommitWithTheirStaleMarksOrNotAtAllAndTheRefreshClearsThem() throws {
        let db = try FlowViewTests.migrated()
        try db.execute("""
            INSERT INTO issues (issue_key, source, status_category, created_at, updated_at)
            VALUES ('C-1', 'jira', 'done', '2026-03-02T00:00:00Z', now())
            """)
        let writer = TransitionWriter(connection: db)
        let todo = ("To Do", StatusCategory.new), doing = ("In Progress", StatusCategory.indeterminate), done = ("Done", StatusCategory.done)
        let first = [Self.status("C-1", 1, hours: 1, from: todo, to: doing)]
        #expect(try writer.record(first, histories: [.init(issueKey: "C-1", issueID: "1", failure: nil, entries: 1)], runID: nil, origin: .harvest) == 1)
        #expect(try Self.isStale("C-1", on: db))
        #expect(try writer.refreshFigures(issueKeys: ["C-1"]) == 1)
        #expect(try !Self.isStale("C-1", on: db))
        #expect(try db.query("SELECT done_at IS NULL AND first_in_progress_at IS NOT NULL AS open FROM issue_flow_figures WHERE issue_key = 'C-1'")[0]
            .get("open", as: Bool.self))
        // A second refresh finds nothing marked: another refresh took it.
        #expect(try writer.refreshFigures(issueKeys: ["C-1"]) == 0)

        // The history mark overflows `integer`: the transitions and the stale mark roll back with it.
        let second = [Self.status("C-1", 2, hours: 3, from: doing, to: done)]
        #expect(throws: StoreError.self) {
            try writer.record(second, histories: [.init(issueKey: "C-1", issueID: "1", failure: nil, entries: Int(Int32.max) + 1)],
                              runID: nil, origin: .harvest)
        }
        #expect(try TransitionCopyTests.rows("C-1", on: db) == 1)
        #expect(try !Self.isStale("C-1", on: db))
        #expect(try db.query("SELECT done_at IS NULL AS open FROM issue_flow_figures WHERE issue_key = 'C-1'")[0].get("open", as: Bool.self))

        #expect(try writer.record(second, histories: [.init(issueKey: "C-1", issueID: "1", failure: nil, entries: 2)], runID: nil, origin: .harvest) == 1)
        #expect(try writer.refreshFigures(issueKeys: ["C-1"]) == 1)
        #expect(try db.query("SELECT cycle_seconds FROM issue_flow_figures WHERE issue_key = 'C-1'")[0].get("cycle_seconds", as: Double.self) == 7200)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
    }

    @Test func aMarkLeftByAFailedRefreshIsTakenUpByTheSweep() throws {
        let db = try FlowViewTests.migrated()
        try db.execute("""
            INSERT INTO issues (issue_key, source, status_category, created_at, updated_at)
            VALUES ('C-2', 'jira', 'done', '2026-03-02T00:00:00Z', now())
            """)
        let writer = TransitionWriter(connection: db)
        let todo = ("To Do", StatusCategory.new), done = ("Done", StatusCategory.done)
        // Written and committed; its refresh never ran (the process died, the database went away).
        #expect(try writer.record([Self.status("C-2", 1, hours: 5, from: todo, to: done)],
                                  histories: [.init(issueKey: "C-2", issueID: "2", failure: nil, entries: 1)], runID: nil, origin: .harvest) == 1)
        #expect(try db.query("SELECT count(*) AS n FROM issue_flow_figures WHERE issue_key = 'C-2'")[0].get("n", as: Int.self) == 0)
        #expect(try writer.refreshEveryStaleFigure() == 1)
        #expect(try !Self.isStale("C-2", on: db))
        #expect(try db.query("SELECT lead_seconds FROM issue_flow_figures WHERE issue_key = 'C-2'")[0].get("lead_seconds", as: Double.self) == 5 * 3600)
        #expect(try writer.refreshEveryStaleFigure() == 0)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
    }

    @Test func anIssueDeletedTakesItsFiguresAndItsShareOfTheDaySumsWithIt() throws {
        let db = try FlowViewTests.migrated()
        try Self.insertExamples(into: db)
        try FlowTables.refreshEveryIssue(on: db)
        #expect(try IssueWriter(connection: db).delete(keys: ["A-1", "B-4"]) == 2)
        #expect(try db.query("SELECT count(*) AS n FROM issue_flow_figures WHERE issue_key IN ('A-1', 'B-4')")[0].get("n", as: Int.self) == 0)
        #expect(try db.query("SELECT count(*) AS n FROM issue_status_seconds WHERE issue_key = 'A-1'")[0].get("n", as: Int.self) == 0)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
    }

    @Test func theMigrationBackfillsExistingHistories() throws {
        let database = try TestDatabase.create()
        let db = try database.connect()
        let files = try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory)
        _ = try MigrationRunner(connection: db).migrate(files.filter { $0.version < 24 })
        try Self.insertExamples(into: db)
        _ = try MigrationRunner(connection: db).migrate(files)
        #expect(try db.query("SELECT count(*) AS n FROM issue_flow_figures")[0].get("n", as: Int.self) == 7)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
    }

    @Test func filteredSummariesReadTheFiguresThroughTheirFilterIndexes() throws {
        let db = try FlowViewTests.migrated()
        try Self.insertExamples(into: db)
        try FlowTables.refreshEveryIssue(on: db)
        try db.execute("SET enable_seqscan = off")
        let sql = FlowQueries.summarySQL(daySums: false)
        // As FlowQueries.issueParameters passes them: members and types resolved to their ids.
        for (name, parameters) in [("assignee", [false, ["jdoe"], nil, nil, nil, nil, ["jdoe"]] as [(any PostgresEncodable)?]),
                                   ("issue_type", [false, nil, [Int32(10101)], nil, nil, nil, [String]()])] {
            let plan = try db.query("EXPLAIN " + sql, parameters.map { $0 ?? (nil as String?) })
                .map { try $0.get("QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(!plan.contains("Seq Scan on issues "), "\(name): \(plan)")
            #expect(!plan.contains("Seq Scan on issue_flow_figures "), "\(name): \(plan)")
            #expect(plan.contains(name == "assignee" ? "issue_flow_figures_member_done" : "issue_flow_figures_type_done"), "\(name): \(plan)")
        }
    }

    @Test func filtersNameMembersAndTypesThatResolveToTheirIdsAndUnknownOnesToNone() throws {
        let db = try FlowViewTests.migrated()
        try db.execute("INSERT INTO team_members (member_id, name, jira_id, github_id) VALUES ('jdoe', 'John Doe', 'acc-1', 'john-doe')")
        var filter = FlowFilter()
        filter.assignees = ["John Doe", "JOHN-DOE", "acc-1", "nobody"]
        filter.issueTypes = ["story", "10104", "No Such Type"]
        let parameters = try FlowQueries(connection: db).issueParameters(filter)
        #expect(parameters[1] as? [String] == ["John Doe", "JOHN-DOE", "acc-1", "nobody"])
        #expect(parameters[2] as? [Int32] == [10101, 10104])
        #expect(parameters[6] as? [String] == ["jdoe"])

        filter.assignees = ["nobody"]
        filter.issueTypes = ["No Such Type"]
        let unknown = try FlowQueries(connection: db).issueParameters(filter)
        #expect(unknown[2] as? [Int32] == [])
        #expect(unknown[6] as? [String] == [])
    }
}
