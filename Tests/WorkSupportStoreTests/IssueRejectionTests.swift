import Foundation
import Postgres
import Testing
import WorkSupportCore
import WorkSupportStore

/// A record PostgreSQL refuses does not take its batch down: the batch is retried in halves until
/// the refused record stands alone, with the server's reason; the rest is written.
@Suite struct IssueRejectionTests {
    typealias F = IssueStoreFixtures

    /// A NUL byte (a record built in process, not through `StorableText`) and a label too large
    /// for the `labels` index: two different refusals in one 500-record batch.
    static func batchWithTwoRefusedRecords() -> [IssueRecord] {
        var records = (1...500).map { F.record("AIPRDV-\($0)") }
        records[136].summary = "nul \u{0} inside"
        var random = SystemRandomNumberGenerator()
        records[401].labels = [(0..<6000).map { _ in String(UInt8.random(in: 0...255, using: &random), radix: 16) }.joined()]
        return records
    }

    @Test func refusedRecordsStandAloneWithTheServersReasonAndTheRestIsWritten() throws {
        let f = try F()
        var rejected: [IssueRejection] = []
        let counts = try f.writer.upsert(Self.batchWithTwoRefusedRecords(), runID: try f.startRun()) { rejected.append($0) }
        #expect(rejected.map(\.issueKey).sorted() == ["AIPRDV-137", "AIPRDV-402"])
        let nul = try #require(rejected.first { $0.issueKey == "AIPRDV-137" })
        #expect(nul.reason.contains("SQLSTATE 22021"), "\(nul.reason)")
        let label = try #require(rejected.first { $0.issueKey == "AIPRDV-402" })
        #expect(label.reason.contains("SQLSTATE 54000"), "\(label.reason)")
        #expect(counts.inserted == 498)
        let keys = try f.keys()
        #expect(keys.count == 498)
        #expect(!keys.contains("AIPRDV-137") && !keys.contains("AIPRDV-402"))
    }

    @Test func withoutARejectionHandlerTheRefusalIsThrownAndNothingOfTheBatchIsWritten() throws {
        let f = try F()
        #expect(throws: StoreError.self) { try f.writer.upsert(Self.batchWithTwoRefusedRecords(), runID: try f.startRun()) }
        #expect(try f.keys().isEmpty)
    }

    /// One record is refused while staging (the NUL), one only by the live table at the swap (the
    /// label: staging lacks that index). Both keep their live copies; the rest goes live.
    @Test func reloadKeepsTheLiveCopyOfEveryRefusedRecordAndSwapsInTheRest() throws {
        let f = try F()
        let old = [F.record("AIPRDV-137", summary: "live 137"), F.record("AIPRDV-402", summary: "live 402"),
                   F.record("AIPRDV-999", summary: "deleted upstream")]
        try f.writer.upsert(old, runID: try f.startRun())
        let reload = StagedReload(connection: f.db, runID: try f.startRun(fullReload: true), batchSize: 100)
        var rejected: [IssueRejection] = []
        let snapshotStart = Date()
        let newer = Self.batchWithTwoRefusedRecords().map { record -> IssueRecord in
            var record = record
            record.updatedAt = record.updatedAt.addingTimeInterval(60)
            return record
        }
        try reload.stage(newer) { rejected.append($0) }
        #expect(rejected.map(\.issueKey) == ["AIPRDV-137"], "refused while staging")
        let result = try reload.commit(snapshotStartedAt: snapshotStart) { rejected.append($0) }
        #expect(rejected.map(\.issueKey) == ["AIPRDV-137", "AIPRDV-402"], "then refused by the live table")
        #expect(rejected[1].reason.contains("SQLSTATE 54000"), "\(rejected[1].reason)")
        #expect(result.deleted == 1, "only AIPRDV-999")
        #expect(result.writes.inserted == 498)
        #expect(try f.value("summary", of: "AIPRDV-137", as: String.self) == "live 137")
        #expect(try f.value("summary", of: "AIPRDV-402", as: String.self) == "live 402")
        #expect(try f.keys().count == 500)
    }
}
