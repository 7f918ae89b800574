import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore
@testable import WorkSupportStore

/// The writer against plain COPY of the same rows into the same table (`issues`, with its
/// indexes). Opt-in: `WORKSUPPORT_BENCH=1 scripts/run-tests --filter IssueWriterBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WORKSUPPORT_BENCH"] == "1"))
struct IssueWriterBenchmark {
    static let count = Int(ProcessInfo.processInfo.environment["WORKSUPPORT_BENCH_ROWS"] ?? "") ?? 10_000

    /// ≈ 1 KB of jsonb per issue, like a Jira search item with its fields.
    static func records() -> [IssueRecord] {
        let padding = String(repeating: "lorem ipsum dolor sit amet ", count: 30)
        return (1...count).map { number in
            var record = IssueStoreFixtures.record("AIPRDV-\(number)", summary: "Issue \(number)")
            record.raw = ["key": .string(record.issueKey), "fields": ["summary": .string(record.summary),
                          "description": .string(padding), "number": .int(Int64(number))]]
            return record
        }
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test func writerThroughputComparedWithCopy() throws {
        let f = try IssueStoreFixtures()
        let records = Self.records()
        let run = try f.startRun()
        let copyStatement = "COPY issues (\(IssueWriteSQL.dataColumns.joined(separator: ", "))) FROM STDIN"

        var copyTime = Double.infinity, writeTime = Double.infinity, unchangedTime = Double.infinity
        var encodeTime = Double.infinity
        var unchanged = WriteCounts.zero
        var encoded: [[String?]] = []
        for _ in 1...2 {
            // Encoding (jansson serialization, array literals) is the Swift side's share of both.
            encodeTime = min(encodeTime, Self.seconds { encoded = records.map(IssueWriteBatch.copyRow) })
            try f.db.execute("TRUNCATE issues")
            copyTime = min(copyTime, try Self.seconds {
                _ = try f.db.transaction { try $0.copyIn(copyStatement, rows: encoded) }
            } + encodeTime)
            try f.db.execute("TRUNCATE issues")
            writeTime = min(writeTime, try Self.seconds { _ = try f.writer.upsert(records, runID: run) })
            unchangedTime = min(unchangedTime, try Self.seconds { unchanged = try f.writer.upsert(records, runID: run) })
        }
        #expect(unchanged == WriteCounts(inserted: 0, updated: 0, unchanged: records.count))
        let copyRate = Double(records.count) / copyTime, writeRate = Double(records.count) / writeTime
        print("bench rows=\(records.count) copy_rows_per_s=\(Int(copyRate)) upsert_rows_per_s=\(Int(writeRate))",
              "ratio=\(String(format: "%.2f", writeRate / copyRate))",
              "unchanged_reupsert_rows_per_s=\(Int(Double(records.count) / unchangedTime))",
              "encode_s=\(String(format: "%.2f", encodeTime)) copy_s=\(String(format: "%.2f", copyTime))",
              "upsert_s=\(String(format: "%.2f", writeTime))")
    }
}
