import FoundationEssentials
import JSON
import Postgres

/// Deletes raw deliveries (`webhook_deliveries`: GitHub and Jira webhooks, and every other ingest
/// source stored there) received more than `retention.deliveries_days` ago, a small batch per
/// statement, each statement its own transaction: ingest goes on meanwhile, and no lock or
/// snapshot is held for the whole pruning.
///
/// Kept whatever their age: deliveries still waiting for a replay (`failed`: not applied;
/// `stored`: events nothing reads yet), and applied deletes, which keep an older upsert arriving
/// late from bringing a deleted issue back. What was applied lives on in the issue tables.
public struct DeliveryRetention {
    /// Candidates read per statement (at most that many rows deleted).
    public static let batchSize = 1000

    /// What one pruning deleted.
    public struct Summary: Sendable, Equatable {
        public var cutoff: Date
        /// Deleted rows by `source`.
        public var bySource: [String: Int] = [:]

        public var total: Int { bySource.values.reduce(0, +) }
    }

    let connection: PostgresConnection
    let days: Int

    /// - Parameter days: `retention.deliveries_days` (the config refuses less than 7).
    public init(connection: PostgresConnection, days: Int) {
        self.connection = connection
        self.days = days
    }

    /// Deletes what is past retention at `now`, oldest first.
    public func prune(now: Date, batchSize: Int = DeliveryRetention.batchSize) throws(StoreError) -> Summary {
        var summary = Summary(cutoff: now.addingTimeInterval(-Double(days) * 86_400))
        // The batches walk (received_at, id) upwards, so rows that are kept are read once, not
        // again by every later batch.
        // The cursor's time stays PostgreSQL's text: through a Date it could lose a microsecond.
        var after: (receivedAt: String, id: Int64) = ("-infinity", 0)
        while true {
            let rows = try storeCall {
                try connection.run(DeliveryRetentionSQL.pruneBatch, [summary.cutoff, after.receivedAt, after.id, batchSize])
            }
            guard let row = rows.first else { return summary }
            let (last, deleted) = try storeCall { () throws -> ((String, Int64), JSONValue) in
                ((try row.get("received_at"), try row.get("id")), try JSONValue.parse(try row.get("deleted") as String))
            }
            after = last
            for (source, count) in deleted.objectValue ?? [:] {
                summary.bySource[source, default: 0] += count.intValue ?? 0
            }
        }
    }

    /// The rows received before `cutoff` that are still there, by status: after a pruning, those
    /// retention keeps (waiting for a replay, or applied deletes).
    public func remaining(before cutoff: Date) throws(StoreError) -> [String: Int] {
        try storeCall {
            var counts: [String: Int] = [:]
            for row in try connection.run(DeliveryRetentionSQL.remainingByStatus, [cutoff]) {
                counts[try row.get("status")] = try row.get("n")
            }
            return counts
        }
    }

    /// Prunes, and records the number deleted in the audit row of the harvest run `runID`.
    @discardableResult
    public func prune(now: Date, recordingIn runID: Int64) throws(StoreError) -> Summary {
        let summary = try prune(now: now)
        _ = try storeCall { try connection.run(DeliveryRetentionSQL.recordInRun, [runID, summary.total]) }
        return summary
    }
}

/// The statements of `DeliveryRetention`.
enum DeliveryRetentionSQL {
    /// One batch: the next candidates past the cursor `($2, $3)` received before `$1`, those that
    /// may go deleted (the condition checked again on the row deleted, should a replay have changed
    /// it meanwhile). Answers the batch's last (received_at, id) and the deleted rows per source;
    /// no row once nothing is left.
    static let pruneBatch = StoreStatement(name: "delivery_retention_prune_batch", sql: """
        WITH batch AS (
            SELECT id, received_at FROM webhook_deliveries
            WHERE received_at < $1 AND (received_at, id) > ($2::timestamptz, $3::bigint)
            ORDER BY received_at, id
            LIMIT $4
        ), deleted AS (
            DELETE FROM webhook_deliveries d USING batch
            WHERE d.id = batch.id AND d.received_at < $1 AND \(prunable("d"))
            RETURNING d.source
        )
        SELECT last.received_at::text AS received_at, last.id,
               (SELECT coalesce(json_object_agg(source, n), '{}')::text
                FROM (SELECT source, count(*) AS n FROM deleted GROUP BY source) AS counts) AS deleted
        FROM (SELECT received_at, id FROM batch ORDER BY received_at DESC, id DESC LIMIT 1) AS last
        """)

    /// A delivery whose effect is done (applied or ignored), other than an applied delete.
    /// Statuses not listed (`failed`, `stored`, any added later) are kept.
    static func prunable(_ alias: String) -> String { """
        \(alias).status IN ('applied', 'ignored', 'duplicate')
        AND NOT (\(WebhookDeliverySQL.isAppliedDelete(alias)))
        """
    }

    static let remainingByStatus = StoreStatement(name: "delivery_retention_remaining", sql: """
        SELECT status, count(*) AS n FROM webhook_deliveries WHERE received_at < $1 GROUP BY status ORDER BY status
        """)

    static let recordInRun = StoreStatement(name: "delivery_retention_record_in_run", sql: """
        UPDATE harvest_runs SET deliveries_pruned = $2 WHERE id = $1
        """)
}
