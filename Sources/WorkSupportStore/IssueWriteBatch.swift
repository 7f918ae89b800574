import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// One batch of records on its way into `issues` (or `issues_staging`): duplicate keys merged,
/// rows in COPY form for the session's temp table.
struct IssueWriteBatch {
    /// One record per key, newest `updatedAt` kept (the later one on a tie), in key order.
    let records: [IssueRecord]
    /// How many records came in, duplicates included.
    let submitted: Int

    init<Records: Collection>(_ submitted: Records) where Records.Element == IssueRecord {
        var byKey: [String: IssueRecord] = [:]
        byKey.reserveCapacity(submitted.count)
        for record in submitted {
            if let kept = byKey[record.issueKey], kept.updatedAt > record.updatedAt { continue }
            byKey[record.issueKey] = record
        }
        // Key order: concurrent writers (harvest, webhooks) then lock rows in the same order.
        self.records = byKey.values.sorted { $0.issueKey < $1.issueKey }
        self.submitted = submitted.count
    }

    /// Consecutive slices of at most `size` records, each merged on its own, built one at a time.
    /// (A concrete type: Swift 6.3.1 loses the mutations of an opaque `some Sequence` iterator
    /// captured by a local function.)
    static func batches(of records: [IssueRecord], size: Int) -> LazyMapSequence<StrideTo<Int>, IssueWriteBatch> {
        stride(from: records.startIndex, to: records.endIndex, by: max(1, size)).lazy.map { start in
            IssueWriteBatch(records[start..<min(start + max(1, size), records.endIndex)])
        }
    }

    /// The rows for the session's batch table: the data columns, then the writer's run id and
    /// `changed_by`.
    func copyRows(runID: Int64?, changedBy: String) -> LazyMapSequence<[IssueRecord], [String?]> {
        let writer = [runID.map { String($0) }, changedBy]
        return records.lazy.map { Self.copyRow($0) + writer }
    }

    /// The columns of `IssueWriteSQL.batchColumns`, in order, as COPY text.
    static func copyRow(_ record: IssueRecord) -> [String?] {
        [
            record.issueKey,
            record.source.rawValue,
            record.summary,
            record.status,
            record.statusCategory,
            String(record.issueTypeID),
            record.issueTypeName,
            record.parentKey,
            record.epicKey,
            record.linkedKey,
            record.assignee,
            record.assigneeMemberID,
            record.labels.postgresText,
            record.fixVersions.postgresText,
            record.url,
            record.createdAt.map(PostgresTimestamp.format),
            PostgresTimestamp.format(record.updatedAt),
            record.resolvedAt.map(PostgresTimestamp.format),
            record.raw.serializedString(),
        ]
    }
}
