import Foundation
import Postgres
import Testing
import TestKit
import WorkSupportCore
@testable import WorkSupportStore

/// The changelog write's two ways into `issue_transitions`: COPY for issues with no row stored
/// yet, the batch table's insert that keeps stored rows for the others, and the second way for
/// the first when another writer stores a row of such an issue meanwhile.
@Suite struct TransitionCopyTests {
    static let todo = ("To Do", StatusCategory.new), doing = ("In Progress", StatusCategory.indeterminate)

    /// `count` status moves of `key`, changelog ids `first`…, to and fro between To Do and In Progress.
    static func moves(_ key: String, from first: Int64, count: Int) -> [TransitionRecord] {
        (0..<Int64(count)).map { step in
            step % 2 == 0 ? FlowFiguresTests.status(key, first + step, hours: Double(step + 1), from: todo, to: doing)
                : FlowFiguresTests.status(key, first + step, hours: Double(step + 1), from: doing, to: todo)
        }
    }

    static func rows(_ key: String, on db: PostgresConnection) throws -> Int {
        try db.query("SELECT count(*) AS n FROM issue_transitions WHERE issue_key = $1", [key])[0].get("n")
    }

    @Test func newAndStoredHistoriesInOneBatchAreEachWrittenOnce() throws {
        let db = try FlowViewTests.migrated()
        try FlowViewTests.insert("S-1", [(1, 1, "1", "3")], into: db)
        try FlowViewTests.insert("N-1", [], into: db, historyComplete: nil)
        let fresh = Self.moves("N-1", from: 1, count: 6)
        // S-1's stored entry again, and one new; N-1's first entry twice (a page repeated).
        let batch = fresh + [fresh[0]] + Self.moves("S-1", from: 1, count: 2)
        let histories = ["N-1", "S-1"].map { TransitionWriter.HistoryOutcome(issueKey: $0, issueID: nil, failure: nil, entries: 6) }
        let writer = TransitionWriter(connection: db)
        #expect(try writer.record(batch, histories: histories, runID: nil, origin: .harvest) == 7)
        #expect(try writer.refreshFigures(issueKeys: ["N-1", "S-1"]) == 2)
        #expect(try Self.rows("N-1", on: db) == 6)
        #expect(try Self.rows("S-1", on: db) == 2)
        #expect(try FlowTables.differencesFromTheViews(on: db) == [])
    }

    /// Holds the writer's outcome across threads.
    final class Outcome: @unchecked Sendable {
        let lock = NSLock()
        var inserted: Int?
        var error: (any Error)?
    }

    @Test func aRowAnotherWriterStoresMeanwhileSendsTheCopyTheOtherWay() throws {
        let database = try TestDatabase.createMigrated()
        let other = try database.connect()
        try FlowViewTests.insert("N-2", [], into: other, historyComplete: nil)
        let records = Self.moves("N-2", from: 1, count: 9)
        // Another writer (a webhook) stores the first entry and has not committed yet.
        _ = try other.execute("BEGIN")
        _ = try TransitionWriter(connection: other).insert(Array(records.prefix(1)), runID: nil, origin: .webhook)

        let outcome = Outcome(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { done.signal() }
            do {
                let connection = try database.connect()
                let writer = TransitionWriter(connection: connection)
                let inserted = try writer.record(
                    records, histories: [.init(issueKey: "N-2", issueID: nil, failure: nil, entries: 9)], runID: nil, origin: .harvest)
                try writer.refreshFigures(issueKeys: ["N-2"])
                outcome.lock.withLock { outcome.inserted = inserted }
            } catch {
                outcome.lock.withLock { outcome.error = error }
            }
        }
        // The other writer's row is not visible yet, so the COPY is tried and waits on it (libpq
        // leaves a COPY's query text out of pg_stat_activity); then the other writer commits.
        let watcher = try database.connect()   // outside a transaction, which would keep one view of the activity
        let waiting = try Deadline.poll(seconds: 20) {
            try watcher.query("""
                SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)[0].get("n", as: Int.self) == 1
        }
        #expect(waiting)
        _ = try other.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)
        outcome.lock.withLock {
            #expect(outcome.error == nil, "\(String(describing: outcome.error))")
            #expect(outcome.inserted == 8)
        }
        #expect(try Self.rows("N-2", on: other) == 9)
        #expect(try FlowTables.differencesFromTheViews(on: other) == [])
    }
}
