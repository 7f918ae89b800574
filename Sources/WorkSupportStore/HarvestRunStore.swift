import FoundationEssentials
import Glibc
import JSON
import Postgres
import WorkSupportCore

/// The audit trail of harvester runs: one `harvest_runs` row per run, `harvest_errors` per failed
/// item or query, retention, and recovery of runs whose process died.
public struct HarvestRunStore {
    /// A run whose heartbeat is older than this is orphaned wherever it ran.
    public static let defaultStaleAfter: TimeInterval = 15 * 60
    public static let interruptedMessage = "interrupted"

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func start(kind: HarvestRunKind, trigger: String?, fullReload: Bool,
                      host: String = ProcessInfo.processInfo.hostName,
                      pid: Int32 = ProcessInfo.processInfo.processIdentifier) throws(StoreError) -> Int64 {
        try storeCall {
            try connection.query(HarvestRunSQL.start, [kind.rawValue, trigger, fullReload, host, pid])[0].get("id")
        }
    }

    /// Tells `markOrphanedRunsFailed` of other processes that this run is alive.
    public func heartbeat(runID: Int64) throws(StoreError) {
        _ = try storeCall { try connection.query(HarvestRunSQL.heartbeat, [runID]) }
    }

    public func recordError(runID: Int64, source: HarvestErrorSource, itemKey: String?, reason: String,
                            httpStatus: Int? = nil, attempts: Int = 1) throws(StoreError) {
        _ = try storeCall {
            try connection.query(HarvestRunSQL.recordError,
                                 [runID, source.rawValue, itemKey, reason, httpStatus, max(1, attempts)])
        }
    }

    /// - Parameter cursors: `{"jira": "<RFC 3339>", …}`; put a source's cursor only when that
    ///   source was harvested without failures, since the next incremental run starts there.
    public func finish(runID: Int64, status: HarvestRunStatus, counts: HarvestRunCounts,
                       cursors: JSONValue = .object(JSONObject()), errorMessage: String? = nil) throws(StoreError) {
        _ = try storeCall {
            try connection.query(HarvestRunSQL.finish, [
                runID, status.rawValue, counts.fetched, counts.inserted, counts.updated, counts.unchanged,
                counts.deleted, counts.failed, PostgresJSONText(cursors.serializedString()), errorMessage,
            ])
        }
    }

    /// Upstream requests (retries included) and retries of a run, for the audit.
    public func recordTraffic(runID: Int64, requests: Int, retries: Int) throws(StoreError) {
        _ = try storeCall {
            try connection.query("UPDATE harvest_runs SET requests = $2, retries = $3 WHERE id = $1", [runID, requests, retries])
        }
    }

    /// Where the next incremental run of `source` starts; nil means a full harvest.
    public func lastSuccessfulCursor(source: IssueSource) throws(StoreError) -> Date? {
        try storeCall { try connection.query(HarvestRunSQL.lastCursor, [source.rawValue]).first?.get("cursor") }
    }

    /// Deletes finished runs (and their errors) started more than `retentionDays` (at least 30)
    /// before `now`, clearing `last_run_id` of the issues they wrote last; returns how many.
    @discardableResult
    public func prune(retentionDays: Int, now: Date) throws(StoreError) -> Int {
        let cutoff = now.addingTimeInterval(-Double(max(30, retentionDays)) * 86_400)
        return try storeCall { try connection.query(HarvestRunSQL.prune, [cutoff])[0].get("pruned") }
    }

    /// Marks `running` runs failed ("interrupted") when their heartbeat is stale, or when they ran
    /// on this host under a pid that is gone; drops their staging rows and fails their reload
    /// requests, in one transaction. Returns the runs it recovered.
    @discardableResult
    public func markOrphanedRunsFailed(staleAfter: TimeInterval = HarvestRunStore.defaultStaleAfter,
                                       host: String = ProcessInfo.processInfo.hostName,
                                       isProcessAlive: (Int32) -> Bool = HarvestRunStore.isProcessAlive)
    throws(StoreError) -> [OrphanedRun] {
        try storeCall {
            try connection.transaction { connection in
                var orphans: [OrphanedRun] = []
                for row in try connection.query(HarvestRunSQL.runningRuns, [staleAfter]) {
                    let run = OrphanedRun(id: try row.get("id"), host: try row.get("host"), pid: try row.get("pid"),
                                          heartbeatAt: try row.get("heartbeat_at"))
                    let stale: Bool = try row.get("stale")
                    let deadHere = run.host == host && run.pid.map { !isProcessAlive($0) } == true
                    if stale || deadHere { orphans.append(run) }
                }
                guard !orphans.isEmpty else { return [] }
                let ids = orphans.map(\.id)
                try connection.query(HarvestRunSQL.failRuns, [ids, Self.interruptedMessage])
                try connection.query(HarvestRunSQL.dropStaging, [ids])
                try connection.query(HarvestRunSQL.failReloadsOfRuns, [ids, Self.interruptedMessage])
                return orphans
            }
        }
    }

    /// `kill(pid, 0)`: the process exists (EPERM: it exists but belongs to someone else).
    public static func isProcessAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
