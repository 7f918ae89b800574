import FoundationEssentials
import Postgres

/// Deletes push ranges (`branch_pushes`) received more than `retention.deliveries_days` ago, as
/// `DeliveryRetention` does with the raw deliveries they came from, a small batch per statement.
///
/// Kept whatever their age: every push of a repo with a successful production deployment whose
/// range is still pending (its chain may yet be built), and every push received after the repo's
/// latest successful production deployment (the next one takes its range through them). Older
/// pushes lead only to deployments whose range is already settled (docs/dora.md, "Pushes").
public struct BranchPushRetention {
    /// Rows deleted per statement at most.
    public static let batchSize = 1000

    let connection: PostgresConnection
    let days: Int

    /// - Parameter days: `retention.deliveries_days` (the config refuses less than 7).
    public init(connection: PostgresConnection, days: Int) {
        self.connection = connection
        self.days = days
    }

    public func cutoff(now: Date) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }

    /// Deletes what is past retention at `now`; answers how many pushes went.
    public func prune(now: Date, batchSize: Int = BranchPushRetention.batchSize) throws(StoreError) -> Int {
        let cutoff = cutoff(now: now)
        var total = 0
        while true {
            let deleted: Int = try storeCall {
                try connection.run(BranchPushRetentionSQL.pruneBatch, [cutoff, batchSize])[0].get("deleted")
            }
            total += deleted
            if deleted < batchSize { return total }
        }
    }

    /// Prunes, and records the number deleted in the audit row of the harvest run `runID`.
    @discardableResult
    public func prune(now: Date, recordingIn runID: Int64) throws(StoreError) -> Int {
        let pruned = try prune(now: now)
        _ = try storeCall { try connection.run(BranchPushRetentionSQL.recordInRun, [runID, pruned]) }
        return pruned
    }
}

/// The statements of `BranchPushRetention`.
enum BranchPushRetentionSQL {
    /// One batch of at most `$2` pushes received before `$1` that no deployment needs any more.
    /// `kept_from` per repo: -infinity while a range is pending (everything stays), else the
    /// time of its latest successful production deployment; a repo never deployed keeps nothing.
    static let pruneBatch = StoreStatement(name: "push_retention_prune_batch", sql: """
        WITH kept_from AS (
            SELECT repo, CASE WHEN bool_or(changes_state = 'pending') THEN '-infinity'::timestamptz
                              ELSE max(coalesce(finished_at, created_at)) END AS since
            FROM deployments WHERE is_production AND status = 'success'
            GROUP BY repo
        ), batch AS (
            SELECT p.repo, p.branch, p.before_sha, p.after_sha
            FROM branch_pushes p LEFT JOIN kept_from k ON k.repo = p.repo
            WHERE p.received_at < $1::timestamptz AND p.received_at < coalesce(k.since, 'infinity')
            ORDER BY p.received_at
            LIMIT $2
        ), deleted AS (
            DELETE FROM branch_pushes p USING batch b
            WHERE (p.repo, p.branch, p.before_sha, p.after_sha) = (b.repo, b.branch, b.before_sha, b.after_sha)
            RETURNING 1
        )
        SELECT count(*)::bigint AS deleted FROM deleted
        """)

    static let recordInRun = StoreStatement(name: "push_retention_record_in_run", sql: """
        UPDATE harvest_runs SET pushes_pruned = $2 WHERE id = $1
        """)
}
