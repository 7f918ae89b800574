import FoundationEssentials
import Postgres
import WorkSupportCore

/// What a reload's commit did to the live data.
public struct ReloadCommitResult: Sendable, Equatable {
    public var writes: WriteCounts
    public var deleted: Int
    public var staged: Int

    public init(writes: WriteCounts, deleted: Int, staged: Int) {
        self.writes = writes
        self.deleted = deleted
        self.staged = staged
    }
}

/// A full reload's snapshot, written into `issues_staging` under its run id while the live data
/// stays untouched, then made live in one transaction. Killed at any point before that commit
/// returns, the live data are exactly as before; the staging rows are discarded on the next start.
public struct StagedReload {
    let connection: PostgresConnection
    public let runID: Int64
    public let batchSize: Int

    /// Keys refused while staging: their live copies are kept at the swap.
    let refusedWhileStaging = RefusedKeys()

    public init(connection: PostgresConnection, runID: Int64, batchSize: Int = HarvestConfig().batchSize) {
        self.connection = connection
        self.runID = runID
        self.batchSize = max(1, batchSize)
    }

    static let stagedCount = "SELECT count(*) AS n FROM issues_staging WHERE run_id = $1"
    static let liveCount = "SELECT count(*) AS n FROM issues WHERE source = ANY($1::text[])"

    /// Rows the snapshot no longer has, of the reloaded sources, except rows a webhook changed
    /// after the snapshot began (the snapshot may have read them before they existed or changed)
    /// and rows whose new copy PostgreSQL refused ($4).
    static let deleteAbsent = """
        DELETE FROM issues i
        WHERE i.source = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM issues_staging s WHERE s.run_id = $1 AND s.issue_key = i.issue_key)
          AND NOT (i.changed_by = 'webhook' AND i.changed_at >= $3::timestamptz)
          AND i.issue_key <> ALL($4::text[])
        RETURNING i.issue_key, i.source
        """

    static let analyzeStaging = "ANALYZE issues_staging"

    static let recordDeletedOnRun = "UPDATE harvest_runs SET deleted = $2 WHERE id = $1"
    static let recordDeletedOnRequest = "UPDATE reload_requests SET issues_deleted = $2 WHERE run_id = $1"
    static let discard = "DELETE FROM issues_staging WHERE run_id = $1"

    /// Adds records to the snapshot, one transaction (one query) per batch; a key staged twice
    /// keeps its newest copy. Returns how many records were submitted. With `rejected`, a record
    /// PostgreSQL refuses goes there (its batch split until it stands alone) and stays out of the
    /// snapshot, and the swap keeps its live copy. Without it, the refusal is thrown.
    @discardableResult
    public func stage(_ records: [IssueRecord], rejected: ((IssueRejection) -> Void)? = nil) throws(StoreError) -> Int {
        try storeCall {
            try IssueBatchTable.run(IssueWriteSQL.stageBatch, over: records, batchSize: batchSize, runID: runID,
                                    origin: .harvest, on: connection,
                                    rejected: rejected.map { rejected in
                                        { [refusedWhileStaging] rejection in
                                            refusedWhileStaging.keys.append(rejection.issueKey)
                                            rejected(rejection)
                                        }
                                    }) { _, _ in }
        }
        return records.count
    }

    /// Makes the snapshot live in one transaction: upserts it with the writer's guard, deletes live
    /// rows of `sources` it lacks (keeping rows webhooks changed at or after `snapshotStartedAt`),
    /// records `issues_deleted`, and drops the staging rows.
    ///
    /// Refuses an empty snapshot while live rows exist unless `allowEmpty`: a reload that fetched
    /// nothing is far likelier to be broken than the data set to be empty.
    ///
    /// With `rejected`, a staged row the live table refuses (staging has not all of its indexes)
    /// goes there, its live copy is kept, and the rest is made live; without it, the refusal is
    /// thrown and nothing changes.
    public func commit(snapshotStartedAt: Date, sources: Set<IssueSource> = Set(IssueSource.allCases),
                       allowEmpty: Bool = false,
                       rejected: ((IssueRejection) -> Void)? = nil) throws(StoreError) -> ReloadCommitResult {
        let sourceNames = sources.map(\.rawValue).sorted()
        var removedJiraKeys: [String] = []
        let result = try storeCall {
            try connection.transaction { connection in
                let staged: Int = try connection.query(Self.stagedCount, [runID])[0].get("n")
                if staged == 0, !allowEmpty {
                    let live: Int = try connection.query(Self.liveCount, [sourceNames])[0].get("n")
                    if live > 0 {
                        throw StoreError(code: .database, message:
                            "reload run \(runID) staged no issues while \(live) are live; refusing to delete them all")
                    }
                }
                // Fresh statistics for the snapshot first. The staging table only ever holds the
                // current run's rows, each run under a new id: planned with statistics from an
                // earlier run, `run_id = $1` looks like one row, and the delete below became a
                // nested loop scanning the whole snapshot once per live issue (a 100k-issue
                // reload still deleting after ten minutes instead of a hash anti-join in 0.2 s).
                try connection.execute(Self.analyzeStaging)
                let (returned, refused) = try upsertSnapshot(on: connection, isolatingRefusals: rejected != nil)
                let writes = WriteCounts(returned: returned, submitted: staged - refused.count)
                let kept = refusedWhileStaging.keys + refused.map(\.issueKey)
                let removed = try connection.query(Self.deleteAbsent, [runID, sourceNames, snapshotStartedAt, kept])
                let deleted = removed.count
                // Upserted issues get theirs from the run's changelog harvest, which reads every
                // history of a full reload.
                removedJiraKeys = try removed.compactMap { row in
                    try row.get("source", as: String.self) == IssueSource.jira.rawValue ? try row.get("issue_key", as: String.self) : nil
                }
                try FlowFigures.markStale(issueKeys: removedJiraKeys, on: connection)
                try connection.query(Self.recordDeletedOnRun, [runID, deleted])
                try connection.query(Self.recordDeletedOnRequest, [runID, deleted])
                try connection.query(Self.discard, [runID])
                refused.forEach { rejected?($0) }
                return ReloadCommitResult(writes: writes, deleted: deleted, staged: staged)
            }
        }
        try FlowFigures.refreshStale(issueKeys: removedJiraKeys, on: connection)
        return result
    }

    /// Drops the snapshot without touching the live data.
    @discardableResult
    public func discard() throws(StoreError) -> Int {
        try storeCall { try connection.query(Self.discard, [runID]).affectedRows }
    }
}
