import Postgres
import WorkSupportCore

/// Writes normalized issues into `issues`: one transaction per batch, COPY into a temp table, then
/// one guarded upsert. A record that is older than the stored row, or identical to it, writes
/// nothing, so an unchanged re-harvest creates no row versions at all.
///
/// `harvested_at`, `last_run_id`, `changed_by` and `changed_at` change only on rows actually written:
/// refreshing them on unchanged rows would be a write per row per run. "Fresh as of" for the whole
/// data set is the last completed run in `harvest_runs`.
public struct IssueWriter {
    public enum Origin: String, Sendable {
        case harvest
        case webhook
    }

    let connection: PostgresConnection
    public let batchSize: Int

    public init(connection: PostgresConnection, batchSize: Int = HarvestConfig().batchSize) {
        self.connection = connection
        self.batchSize = max(1, batchSize)
    }

    /// Harvested records, written by run `runID`.
    @discardableResult
    public func upsert(_ records: [IssueRecord], runID: Int64) throws(StoreError) -> WriteCounts {
        try write(records, runID: runID, origin: .harvest)
    }

    /// Records from webhook deliveries: the same guard, marked `changed_by = 'webhook'` so that a
    /// reload running meanwhile keeps them.
    @discardableResult
    public func upsertFromWebhook(_ records: [IssueRecord]) throws(StoreError) -> WriteCounts {
        try write(records, runID: nil, origin: .webhook)
    }

    /// Removes issues by key; returns how many existed.
    @discardableResult
    public func delete(keys: [String]) throws(StoreError) -> Int {
        guard !keys.isEmpty else { return 0 }
        return try storeCall { try connection.query(IssueWriteSQL.deleteKeys, [keys]).affectedRows }
    }

    private func write(_ records: [IssueRecord], runID: Int64?, origin: Origin) throws(StoreError) -> WriteCounts {
        var counts = WriteCounts.zero
        for batch in IssueWriteBatch.batches(of: records, size: batchSize) {
            counts += try storeCall {
                try connection.transaction { try Self.write(batch, runID: runID, origin: origin, on: $0) }
            }
        }
        return counts
    }

    /// One batch through the guarded upsert, inside the caller's transaction (a webhook delivery
    /// writes its raw row and its issue in one).
    static func write(_ batch: IssueWriteBatch, runID: Int64?, origin: Origin,
                      on connection: PostgresConnection) throws -> WriteCounts {
        try IssueBatchTable.load(batch, into: connection)
        let rows = try connection.query(IssueWriteSQL.upsertBatch, [runID, origin.rawValue])
        return WriteCounts(returned: try IssueBatchTable.tally(rows), submitted: batch.submitted)
    }
}

/// The session's `issue_write_batch` temp table, shared by the writer and staged reloads.
enum IssueBatchTable {
    /// Call inside a transaction: the rows vanish at its commit.
    static func load(_ batch: IssueWriteBatch, into connection: PostgresConnection) throws {
        try connection.execute(IssueWriteSQL.createBatchTable)
        try connection.copyIn(IssueWriteSQL.copyIntoBatchTable, rows: batch.copyRows)
    }

    static func tally(_ rows: PostgresRows) throws -> PostgresRowsSummary {
        var summary = PostgresRowsSummary()
        for row in rows {
            if try row.get("inserted", as: Bool.self) { summary.inserted += 1 } else { summary.updated += 1 }
        }
        return summary
    }
}
