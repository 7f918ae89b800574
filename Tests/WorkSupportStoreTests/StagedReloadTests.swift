import Foundation
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

@Suite struct StagedReloadTests {
    typealias F = IssueStoreFixtures

    /// Live data: AIPRDV-1 … AIPRDV-4 from an earlier harvest.
    func seeded(function: String = #function) throws -> F {
        let f = try F(function: function)
        try f.writer.upsert((1...4).map { F.record("AIPRDV-\($0)") }, runID: try f.startRun())
        return f
    }

    /// The commit plans its statements with statistics of this snapshot, not of an earlier run's
    /// (under which this run's id looked like one row: a nested loop over the whole snapshot).
    @Test func commitAnalyzesTheSnapshotBeforeUsingIt() throws {
        let f = try seeded()
        let first = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        try first.stage((1...4).map { F.record("AIPRDV-\($0)") })
        try f.db.execute("ANALYZE issues_staging")
        _ = try first.commit(snapshotStartedAt: Date())
        let second = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        try second.stage((1...6).map { F.record("AIPRDV-\($0)") })
        _ = try second.commit(snapshotStartedAt: Date())
        // ANALYZE inside the commit saw the 6 staged rows (they are deleted after it).
        let analyzed: Double = try f.db.query("""
            SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'issues_staging'::regclass
            """)[0].get("n")
        #expect(analyzed == 6)
    }

    @Test func commitMakesTheSnapshotLiveAndDeletesWhatItLacks() throws {
        let f = try seeded()
        let run = try f.startRun(fullReload: true)
        let reload = StagedReload(connection: f.db, runID: run)
        let snapshotStart = Date()
        try reload.stage([F.record("AIPRDV-1"), F.record("AIPRDV-2", summary: "Changed"), F.record("AIPRDV-5")])
        let result = try reload.commit(snapshotStartedAt: snapshotStart)
        #expect(result == ReloadCommitResult(writes: WriteCounts(inserted: 1, updated: 1, unchanged: 1),
                                             deleted: 2, staged: 3))
        #expect(try f.keys() == ["AIPRDV-1", "AIPRDV-2", "AIPRDV-5"])
        let deleted: Int = try f.db.query("SELECT deleted FROM harvest_runs WHERE id = $1", [run])[0].get("deleted")
        #expect(deleted == 2)
        let staging: Int = try f.db.query("SELECT count(*) AS n FROM issues_staging")[0].get("n")
        #expect(staging == 0)
    }

    @Test func commitRecordsIssuesDeletedOnTheReloadRequest() throws {
        let f = try seeded()
        let run = try f.startRun(fullReload: true)
        let requests = ReloadStore(connection: f.db)
        let request = try requests.enqueue(requestedBy: "test")
        _ = try requests.claimQueued(runID: run)
        let reload = StagedReload(connection: f.db, runID: run)
        try reload.stage([F.record("AIPRDV-1")])
        _ = try reload.commit(snapshotStartedAt: Date())
        #expect(try requests.request(id: request.id)?.issuesDeleted == 3)
    }

    @Test func rowChangedByAWebhookAfterTheSnapshotBeganSurvives() throws {
        let f = try seeded()
        let run = try f.startRun(fullReload: true)
        let reload = StagedReload(connection: f.db, runID: run)
        let snapshotStart: Date = try f.db.query("SELECT now() - interval '1 second' AS t")[0].get("t")
        try reload.stage([F.record("AIPRDV-1")])
        // Created upstream after the snapshot read its page, delivered by webhook.
        try f.writer.upsertFromWebhook([F.record("GH-9", updated: "2026-11-22T00:00:00Z")])
        let result = try reload.commit(snapshotStartedAt: snapshotStart)
        #expect(try f.keys() == ["AIPRDV-1", "GH-9"])
        #expect(result.deleted == 3)
    }

    @Test func webhookRowFromBeforeTheSnapshotIsDeletedWhenAbsent() throws {
        let f = try seeded()
        try f.writer.upsertFromWebhook([F.record("GH-9", updated: "2026-11-22T00:00:00Z")])
        try f.db.execute("UPDATE issues SET changed_at = now() - interval '1 hour' WHERE issue_key = 'GH-9'")
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        try reload.stage((1...4).map { F.record("AIPRDV-\($0)") })
        #expect(try reload.commit(snapshotStartedAt: Date()).deleted == 1)
        #expect(try f.keys() == (1...4).map { "AIPRDV-\($0)" })
    }

    @Test func identicalReloadWritesNoRow() throws {
        let f = try seeded()
        let before = try f.rowVersions()
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        try reload.stage((1...4).map { F.record("AIPRDV-\($0)") })
        let result = try reload.commit(snapshotStartedAt: Date())
        #expect(result.writes == WriteCounts(inserted: 0, updated: 0, unchanged: 4))
        #expect(try f.rowVersions() == before)
    }

    @Test func reloadThatNeverCommitsLeavesLiveDataIdentical() throws {
        let f = try seeded()
        let before = try f.liveChecksum()
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true), batchSize: 2)
        try reload.stage([F.record("AIPRDV-1", summary: "Changed"), F.record("AIPRDV-7"), F.record("AIPRDV-8")])
        #expect(try f.liveChecksum() == before)
        #expect(try reload.discard() == 3)
        #expect(try f.liveChecksum() == before)
    }

    @Test func keyStagedTwiceKeepsItsNewestCopy() throws {
        let f = try F()
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true), batchSize: 1)
        try reload.stage([F.record("AIPRDV-1", updated: "2026-11-20T12:00:00Z", summary: "newest"),
                          F.record("AIPRDV-1", updated: "2026-11-20T10:00:00Z", summary: "older")])
        #expect(try reload.commit(snapshotStartedAt: Date()).staged == 1)
        #expect(try f.value("summary", of: "AIPRDV-1", as: String.self) == "newest")
    }

    @Test func emptySnapshotIsRefusedWhileLiveRowsExist() throws {
        let f = try seeded()
        let before = try f.liveChecksum()
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        #expect(throws: StoreError.self) { try reload.commit(snapshotStartedAt: Date()) }
        #expect(try f.liveChecksum() == before)
    }

    @Test func onlyTheReloadedSourcesLoseAbsentRows() throws {
        let f = try seeded()
        var github = F.record("o/r#1")
        github.source = .github
        try f.writer.upsert([github], runID: try f.startRun())
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true))
        try reload.stage([F.record("AIPRDV-1")])
        #expect(try reload.commit(snapshotStartedAt: Date(), sources: [.jira]).deleted == 3)
        #expect(try f.keys() == ["AIPRDV-1", "o/r#1"])
    }
}
