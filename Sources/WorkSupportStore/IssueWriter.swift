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

    /// Harvested records, written by run `runID`. With `rejected`, a record PostgreSQL refuses
    /// goes there (its batch split until it stands alone) and the others are written; it is not
    /// counted. Without it, the refusal is thrown.
    @discardableResult
    public func upsert(_ records: [IssueRecord], runID: Int64,
                       rejected: ((IssueRejection) -> Void)? = nil) throws(StoreError) -> WriteCounts {
        try write(records, runID: runID, origin: .harvest, rejected: rejected)
    }

    /// Records from webhook deliveries: the same guard, marked `changed_by = 'webhook'` so that a
    /// reload running meanwhile keeps them.
    @discardableResult
    public func upsertFromWebhook(_ records: [IssueRecord]) throws(StoreError) -> WriteCounts {
        try write(records, runID: nil, origin: .webhook)
    }

    /// Removes issues by key, and their flow figures; returns how many existed.
    @discardableResult
    public func delete(keys: [String]) throws(StoreError) -> Int {
        guard !keys.isEmpty else { return 0 }
        let removed = try storeCall {
            try connection.transaction { connection in
                let removed = try connection.query(IssueWriteSQL.deleteKeys, [keys]).affectedRows
                try FlowFigures.markStale(issueKeys: keys, on: connection)
                return removed
            }
        }
        try FlowFigures.refreshStale(issueKeys: keys, on: connection)
        return removed
    }

    private func write(_ records: [IssueRecord], runID: Int64?, origin: Origin,
                       rejected: ((IssueRejection) -> Void)? = nil) throws(StoreError) -> WriteCounts {
        var counts = WriteCounts.zero
        try storeCall {
            // One query per batch: outside a transaction the server runs it as one of its own.
            try IssueBatchTable.run(IssueWriteSQL.upsertBatch, over: records, batchSize: batchSize, runID: runID,
                                    origin: origin, on: connection, rejected: rejected) { returned, submitted in
                counts += WriteCounts(returned: returned, submitted: submitted)
            }
        }
        return counts
    }

    /// One batch through the guarded upsert: COPY into the session's batch table and the upsert
    /// in one query, two round trips; a batch of one row (a webhook's item) as the parameters of
    /// the same upsert, one round trip. Inside the caller's transaction when one is open (a
    /// webhook delivery writes its raw row and its issue in one), else as a transaction of its own.
    static func write(_ batch: IssueWriteBatch, runID: Int64?, origin: Origin,
                      on connection: PostgresConnection) throws -> WriteCounts {
        let rows = Array(batch.copyRows(runID: runID, changedBy: origin.rawValue))
        let result: PostgresRows
        if rows.count == 1 {
            result = try connection.run(IssueWriteSQL.upsertOne, rows[0].map { $0 as any PostgresEncodable })
        } else {
            result = try IssueBatchTable.load(rows, then: IssueWriteSQL.upsertBatch, on: connection)
        }
        return WriteCounts(returned: try IssueBatchTable.tally(result), submitted: batch.submitted)
    }
}
