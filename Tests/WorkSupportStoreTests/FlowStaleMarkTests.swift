import Foundation
import Postgres
import Testing
import TestKit
import WorkSupportCore
@testable import WorkSupportStore

/// The stale marks of migration 0033 between a writer and a refresh running at the same time.
@Suite struct FlowStaleMarkTests {
    @Test func aRefreshClaimingAMarkAWriterHoldsWaitsAndReadsTheWritersRows() throws {
        let database = try TestDatabase.createMigrated()
        let db = try database.connect()
        try FlowViewTests.insert("W-1", [], into: db, historyComplete: nil)
        let records = TransitionCopyTests.moves("W-1", from: 1, count: 3)
        let writer = TransitionWriter(connection: db)
        // The first move is written and marked, its refresh still to come.
        #expect(try writer.record(Array(records.prefix(1)), histories: [.init(issueKey: "W-1", issueID: nil, failure: nil, entries: 1)],
                                  runID: nil, origin: .harvest) == 1)

        // A webhook marks the issue again with two more moves and has not committed yet.
        let other = try database.connect()
        _ = try other.execute("BEGIN")
        _ = try TransitionWriter(connection: other).insert(Array(records.dropFirst()), runID: nil, origin: .webhook)
        try FlowFigures.markStale(issueKeys: ["W-1"], on: other)

        let outcome = TransitionCopyTests.Outcome(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { done.signal() }
            do {
                let refreshed = try TransitionWriter(connection: try database.connect()).refreshFigures(issueKeys: ["W-1"])
                outcome.lock.withLock { outcome.inserted = refreshed }
            } catch {
                outcome.lock.withLock { outcome.error = error }
            }
        }
        // The refresh waits on the webhook's mark instead of reading the rows without its moves.
        let watcher = try database.connect()
        #expect(try Deadline.poll(seconds: 20) {
            try watcher.query("""
                SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)[0].get("n", as: Int.self) == 1
        })
        _ = try other.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)
        outcome.lock.withLock {
            #expect(outcome.error == nil, "\(String(describing: outcome.error))")
            #expect(outcome.inserted == 1)
        }
        // To Do and In Progress, the second only with the webhook's moves.
        #expect(try db.query("SELECT count(*) AS n FROM issue_status_seconds WHERE issue_key = 'W-1'")[0].get("n", as: Int.self) == 2)
        #expect(try db.query("SELECT count(*) AS n FROM flow_figures_stale")[0].get("n", as: Int.self) == 0)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
    }
}
