import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

@Suite struct IssueWriterTests {
    typealias F = IssueStoreFixtures

    @Test func newRecordsAreInsertedWithEveryField() throws {
        let f = try F()
        let run = try f.startRun()
        var record = F.record("AIPRDV-2", labels: [#"quote " and, comma"#, "back\\slash"])
        record.raw = ["key": "AIPRDV-2", "text": "tab\tnew\nline ✓"]
        let counts = try f.writer.upsert([record, F.record("AIPRDV-3")], runID: run)
        #expect(counts == WriteCounts(inserted: 2, updated: 0, unchanged: 0))
        #expect(try f.value("labels", of: "AIPRDV-2", as: [String].self) == [#"quote " and, comma"#, "back\\slash"])
        #expect(try f.value("assignee_member_id", of: "AIPRDV-2", as: String.self) == "jdoe")
        #expect(try f.value("updated_at", of: "AIPRDV-2", as: Date.self) == record.updatedAt)
        #expect(try f.value("last_run_id", of: "AIPRDV-2", as: Int64.self) == run)
        #expect(try f.value("changed_by", of: "AIPRDV-2", as: String.self) == "harvest")
        let raw = try JSONValue.parse(try f.value("raw::text", of: "AIPRDV-2", as: String.self))
        #expect(raw == record.raw)
    }

    @Test func identicalReharvestWritesNoRow() throws {
        let f = try F()
        let records = (1...20).map { F.record("AIPRDV-\($0)") }
        try f.writer.upsert(records, runID: try f.startRun())
        let before = try f.rowVersions()
        let counts = try f.writer.upsert(records, runID: try f.startRun())
        #expect(counts == WriteCounts(inserted: 0, updated: 0, unchanged: 20))
        #expect(try f.rowVersions() == before)
    }

    @Test func changedFieldIsUpdatedAndMarkedWithTheRun() throws {
        let f = try F()
        try f.writer.upsert([F.record("AIPRDV-1"), F.record("AIPRDV-2")], runID: try f.startRun())
        let before = try f.rowVersions()
        let second = try f.startRun()
        let counts = try f.writer.upsert([F.record("AIPRDV-1", summary: "Renamed"), F.record("AIPRDV-2")], runID: second)
        #expect(counts == WriteCounts(inserted: 0, updated: 1, unchanged: 1))
        #expect(try f.value("summary", of: "AIPRDV-1", as: String.self) == "Renamed")
        #expect(try f.value("last_run_id", of: "AIPRDV-1", as: Int64.self) == second)
        #expect(try f.rowVersions()["AIPRDV-2"] == before["AIPRDV-2"])
    }

    @Test func olderRecordNeverOverwritesANewerWebhookRow() throws {
        let f = try F()
        try f.writer.upsertFromWebhook([F.record("AIPRDV-1", updated: "2026-11-20T12:00:00Z", summary: "From webhook")])
        let before = try f.rowVersions()
        let counts = try f.writer.upsert([F.record("AIPRDV-1", updated: "2026-11-20T11:59:59Z", summary: "Stale")],
                                         runID: try f.startRun())
        #expect(counts == WriteCounts(inserted: 0, updated: 0, unchanged: 1))
        #expect(try f.value("summary", of: "AIPRDV-1", as: String.self) == "From webhook")
        #expect(try f.value("changed_by", of: "AIPRDV-1", as: String.self) == "webhook")
        #expect(try f.rowVersions() == before)
    }

    @Test func newerHarvestReplacesAWebhookRow() throws {
        let f = try F()
        try f.writer.upsertFromWebhook([F.record("AIPRDV-1", updated: "2026-11-20T12:00:00Z")])
        let counts = try f.writer.upsert([F.record("AIPRDV-1", updated: "2026-11-20T13:00:00Z")], runID: try f.startRun())
        #expect(counts.updated == 1)
        #expect(try f.value("changed_by", of: "AIPRDV-1", as: String.self) == "harvest")
    }

    @Test func duplicateKeysInABatchKeepTheNewest() throws {
        let f = try F()
        let counts = try f.writer.upsert([
            F.record("AIPRDV-1", updated: "2026-11-20T12:00:00Z", summary: "newest"),
            F.record("AIPRDV-1", updated: "2026-11-20T10:00:00Z", summary: "oldest"),
            F.record("AIPRDV-1", updated: "2026-11-20T11:00:00Z", summary: "middle"),
        ], runID: try f.startRun())
        #expect(counts == WriteCounts(inserted: 1, updated: 0, unchanged: 2))
        #expect(try f.value("summary", of: "AIPRDV-1", as: String.self) == "newest")
    }

    @Test func recordsAreWrittenInBatchesOfTheConfiguredSize() throws {
        let f = try F()
        let writer = IssueWriter(connection: f.db, batchSize: 2)
        let counts = try writer.upsert((1...5).map { F.record("AIPRDV-\($0)") }, runID: try f.startRun())
        #expect(counts.inserted == 5)
        let transactions: Int = try f.db.query("SELECT count(DISTINCT xmin::text) AS n FROM issues")[0].get("n")
        #expect(transactions == 3)
    }

    @Test func aFailedFirstBatchLeavesTheNextOneWorking() throws {
        let f = try F()
        // NUL is no valid text for PostgreSQL: the batch's one query (table creation included) fails.
        #expect(throws: StoreError.self) {
            try f.writer.upsert([F.record("AIPRDV-1", summary: "nul \u{0} inside")], runID: try f.startRun())
        }
        let counts = try f.writer.upsert([F.record("AIPRDV-1"), F.record("AIPRDV-2")], runID: try f.startRun())
        #expect(counts == WriteCounts(inserted: 2, updated: 0, unchanged: 0))
    }

    @Test func writesGoOnAfterTheConnectionIsLost() throws {
        let f = try F()
        try f.writer.upsert([F.record("AIPRDV-1")], runID: try f.startRun())
        let pid: Int = try #require(f.db.query("SELECT pg_backend_pid() AS pid").first).get("pid")
        try f.database.connect().query("SELECT pg_terminate_backend($1)", [pid])
        _ = try? f.db.query("SELECT 1")
        // A new session: the batch table is created again.
        let counts = try f.writer.upsert([F.record("AIPRDV-2")], runID: try f.startRun())
        #expect(counts.inserted == 1)
    }

    @Test func assigneeWhoIsNotATeamMemberLeavesMemberNull() throws {
        let f = try F()
        try f.writer.upsert([F.record("AIPRDV-1", member: "left-the-team")], runID: try f.startRun())
        #expect(try f.value("assignee_member_id", of: "AIPRDV-1", as: String?.self) == nil)
    }

    @Test func webhookWriteKeepsTheHarvestRunAndHarvestedAt() throws {
        let f = try F()
        let run = try f.startRun()
        try f.writer.upsert([F.record("AIPRDV-1")], runID: run)
        try f.db.execute("UPDATE issues SET harvested_at = '2026-01-01T00:00:00Z'")
        let counts = try f.writer.upsertFromWebhook([F.record("AIPRDV-1", updated: "2026-11-21T00:00:00Z")])
        #expect(counts.updated == 1)
        #expect(try f.value("changed_by", of: "AIPRDV-1", as: String.self) == "webhook")
        #expect(try f.value("last_run_id", of: "AIPRDV-1", as: Int64.self) == run)
        #expect(try f.value("harvested_at", of: "AIPRDV-1", as: Date.self) == UpstreamTimestamp.parse("2026-01-01T00:00:00Z"))
    }

    @Test func deleteRemovesOnlyTheGivenKeys() throws {
        let f = try F()
        try f.writer.upsert((1...3).map { F.record("AIPRDV-\($0)") }, runID: try f.startRun())
        #expect(try f.writer.delete(keys: ["AIPRDV-1", "AIPRDV-3", "AIPRDV-9"]) == 2)
        #expect(try f.keys() == ["AIPRDV-2"])
    }
}
