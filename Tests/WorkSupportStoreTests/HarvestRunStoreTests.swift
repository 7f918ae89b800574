import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

@Suite struct HarvestRunStoreTests {
    typealias F = IssueStoreFixtures

    @Test func finishedRunKeepsCountsAndCursors() throws {
        let f = try F()
        let run = try f.runs.start(kind: .manual, trigger: "cli:alice", fullReload: false, host: "h1", pid: 42)
        try f.runs.heartbeat(runID: run)
        try f.runs.finish(runID: run, status: .completed,
                          counts: HarvestRunCounts(fetched: 10, inserted: 3, updated: 2, unchanged: 5),
                          cursors: ["jira": "2026-11-22T01:00:00Z"])
        let row = try f.db.query("SELECT * FROM harvest_runs WHERE id = $1", [run])[0]
        #expect(try row.get("status", as: String.self) == "completed")
        #expect(try row.get("kind", as: String.self) == "manual")
        #expect(try row.get("trigger", as: String.self) == "cli:alice")
        #expect(try row.get("fetched", as: Int.self) == 10)
        #expect(try row.get("unchanged", as: Int.self) == 5)
        #expect(try row.get("finished_at", as: Date?.self) != nil)
        #expect(try f.runs.lastSuccessfulCursor(source: .jira) == UpstreamTimestamp.parse("2026-11-22T01:00:00Z"))
        #expect(try f.runs.lastSuccessfulCursor(source: .github) == nil)
    }

    @Test func failedRunsDoNotAdvanceTheCursor() throws {
        let f = try F()
        let good = try f.startRun()
        try f.runs.finish(runID: good, status: .completed, counts: HarvestRunCounts(), cursors: ["jira": "2026-11-22T01:00:00Z"])
        let bad = try f.startRun()
        try f.runs.finish(runID: bad, status: .failed, counts: HarvestRunCounts(), cursors: ["jira": "2026-11-23T01:00:00Z"],
                          errorMessage: "jira unreachable")
        #expect(try f.runs.lastSuccessfulCursor(source: .jira) == UpstreamTimestamp.parse("2026-11-22T01:00:00Z"))
    }

    @Test func recordedErrorKeepsItsContext() throws {
        let f = try F()
        let run = try f.startRun()
        try f.runs.recordError(runID: run, source: .github, itemKey: "o/r#4", reason: "HTTP 503 after 5 attempts",
                               httpStatus: 503, attempts: 5)
        let row = try f.db.query("SELECT * FROM harvest_errors WHERE run_id = $1", [run])[0]
        #expect(try row.get("source", as: String.self) == "github")
        #expect(try row.get("item_key", as: String.self) == "o/r#4")
        #expect(try row.get("http_status", as: Int.self) == 503)
        #expect(try row.get("attempts", as: Int.self) == 5)
    }

    @Test func pruneDeletesOnlyFinishedRunsPastRetention() throws {
        let f = try F()
        let old = try f.startRun(), recent = try f.startRun(), oldRunning = try f.startRun()
        for run in [old, recent] { try f.runs.finish(runID: run, status: .completed, counts: HarvestRunCounts()) }
        try f.runs.recordError(runID: old, source: .jira, itemKey: nil, reason: "x")
        _ = try f.writer.upsert([F.record("AIPRDV-1")], runID: old)
        _ = try f.writer.upsert([F.record("AIPRDV-2")], runID: recent)
        try f.db.query("UPDATE harvest_runs SET started_at = now() - interval '40 days', finished_at = NULL WHERE id = ANY($1::bigint[])",
                       [[old, oldRunning]])
        #expect(try f.runs.prune(retentionDays: 30, now: Date()) == 1)
        let left: [Int64] = try f.db.query("SELECT id FROM harvest_runs ORDER BY id").map { try $0.get("id") }
        #expect(left == [recent, oldRunning])
        let errors: Int = try f.db.query("SELECT count(*) AS n FROM harvest_errors")[0].get("n")
        #expect(errors == 0)
        // As ON DELETE SET NULL did: the pruned run's issue forgets it, the other keeps its run.
        let lastRuns: [Int64?] = try f.db.query("SELECT last_run_id FROM issues ORDER BY issue_key").map { try $0.get("last_run_id") }
        #expect(lastRuns == [nil, recent])
    }

    @Test func runOfADeadProcessOnThisHostIsMarkedInterrupted() throws {
        let f = try F()
        let dead = try f.runs.start(kind: .automatic, trigger: nil, fullReload: true, host: "h1", pid: 111)
        let alive = try f.runs.start(kind: .scheduled, trigger: nil, fullReload: false, host: "h1", pid: 222)
        let elsewhere = try f.runs.start(kind: .scheduled, trigger: nil, fullReload: false, host: "h2", pid: 111)
        try StagedReload(connection: f.db, runID: dead).stage([F.record("AIPRDV-1")])
        let orphans = try f.runs.markOrphanedRunsFailed(host: "h1", isProcessAlive: { $0 == 222 })
        #expect(orphans.map(\.id) == [dead])
        let statuses = try f.db.query("SELECT id, status, error_message FROM harvest_runs ORDER BY id")
        #expect(try statuses.map { try $0.get("status", as: String.self) } == ["failed", "running", "running"])
        #expect(try statuses[0].get("error_message", as: String.self) == "interrupted")
        let staged: Int = try f.db.query("SELECT count(*) AS n FROM issues_staging")[0].get("n")
        #expect(staged == 0)
        _ = (alive, elsewhere)
    }

    @Test func runWithAStaleHeartbeatIsOrphanedOnAnyHost() throws {
        let f = try F()
        let run = try f.runs.start(kind: .scheduled, trigger: nil, fullReload: false, host: "other", pid: 1)
        try f.db.query("UPDATE harvest_runs SET heartbeat_at = now() - interval '1 hour' WHERE id = $1", [run])
        let orphans = try f.runs.markOrphanedRunsFailed(staleAfter: 600, host: "h1", isProcessAlive: { _ in true })
        #expect(orphans.map(\.id) == [run])
    }

    @Test func interruptedReloadRequestIsFailed() throws {
        let f = try F()
        let run = try f.runs.start(kind: .manual, trigger: nil, fullReload: true, host: "h1", pid: 111)
        let requests = ReloadStore(connection: f.db)
        let request = try requests.enqueue(requestedBy: "api")
        _ = try requests.claimQueued(runID: run)
        try f.runs.markOrphanedRunsFailed(host: "h1", isProcessAlive: { _ in false })
        let after = try requests.request(id: request.id)
        #expect(after?.status == .failed)
        #expect(after?.errorMessage == "interrupted")
    }
}
