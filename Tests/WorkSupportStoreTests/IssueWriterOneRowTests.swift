import Foundation
import JSON
import Postgres
import Testing
import WorkSupportCore
@testable import WorkSupportStore

/// A batch of one row (a webhook's item) goes through the upsert as parameters, not through the
/// COPY into the batch table; both must write the same row and follow the same rules.
@Suite struct IssueWriterOneRowTests {
    typealias F = IssueStoreFixtures

    /// The record with every kind of field: quotes and commas in labels, control characters and
    /// non-ASCII text in the raw JSON, NULLs, a team member.
    static func tricky(_ key: String) -> IssueRecord {
        var record = F.record(key, labels: [#"quote " and, comma"#, "back\\slash", "{brace}", "NULL"])
        record.summary = "tab\tnew\nline ✓ \\N"
        record.status = nil
        record.resolvedAt = UpstreamTimestamp.parse("2026-11-21T08:09:10.123Z")
        record.raw = ["key": .string(key), "text": "tab\tnew\nline ✓ \u{1}", "n": 1.5, "nested": ["a": [1, 2]]]
        return record
    }

    @Test func oneRowWritesExactlyWhatTheBatchPathWrites() throws {
        let f = try F()
        let one = try IssueWriter.write(IssueWriteBatch([Self.tricky("ONE-1")]), runID: nil, origin: .webhook, on: f.db)
        let two = try IssueWriter.write(IssueWriteBatch([Self.tricky("TWO-1"), F.record("TWO-2")]), runID: nil,
                                        origin: .webhook, on: f.db)
        #expect(one == WriteCounts(inserted: 1, updated: 0, unchanged: 0))
        #expect(two == WriteCounts(inserted: 2, updated: 0, unchanged: 0))
        let columns = IssueWriteSQL.dataColumns.dropFirst().map { "\($0)::text" }.joined(separator: ", ")
        let rows = try f.db.query("""
            SELECT issue_key, row(\(columns), changed_by, last_run_id)::text AS fields FROM issues
            WHERE issue_key IN ('ONE-1', 'TWO-1') ORDER BY issue_key
            """)
        let fields = try rows.map { try $0.get("fields", as: String.self) }
        #expect(fields.count == 2)
        // The key also appears in the url and the raw JSON.
        #expect(fields.first == fields.last?.replacing("TWO-1", with: "ONE-1"), "the same fields whichever path wrote them")
        #expect(try f.value("summary", of: "ONE-1", as: String.self) == "tab\tnew\nline ✓ \\N")
        #expect(try f.value("labels", of: "ONE-1", as: [String].self) == [#"quote " and, comma"#, "back\\slash", "{brace}", "NULL"])
        #expect(try f.value("status", of: "ONE-1", as: String?.self) == nil)
        #expect(try JSONValue.parse(try f.value("raw::text", of: "ONE-1", as: String.self)) == Self.tricky("ONE-1").raw)
    }

    @Test func oneRowFollowsNewerWinsAndWritesNothingWhenIdentical() throws {
        let f = try F()
        let newer = F.record("ONE-1", updated: "2026-11-20T12:00:00Z", summary: "Newer")
        try IssueWriter.write(IssueWriteBatch([newer]), runID: nil, origin: .webhook, on: f.db)
        let before = try f.rowVersions()
        let stale = F.record("ONE-1", updated: "2026-11-20T11:00:00Z", summary: "Stale")
        #expect(try IssueWriter.write(IssueWriteBatch([stale]), runID: nil, origin: .webhook, on: f.db)
                == WriteCounts(inserted: 0, updated: 0, unchanged: 1))
        #expect(try IssueWriter.write(IssueWriteBatch([newer]), runID: nil, origin: .webhook, on: f.db)
                == WriteCounts(inserted: 0, updated: 0, unchanged: 1))
        #expect(try f.rowVersions() == before)
        #expect(try f.value("summary", of: "ONE-1", as: String.self) == "Newer")
    }
}
