import FoundationEssentials
import Postgres
import WorkSupportCore

/// Runs every anomaly rule and applies the open/resolved lifecycle, refreshing release membership
/// first, in one transaction: over the whole `issues` table after each harvest run (`run`), or
/// for the issues one webhook delivery wrote (`ScopedAnomalyPass`). `now` is a parameter so that
/// tests evaluate `stale_in_progress` at a fixed instant.
public struct AnomalyPass {
    /// Held exclusively by the full pass and shared by the passes after webhook deliveries, for
    /// their transactions: the full pass's plain inserts meet no concurrent membership writes,
    /// and it never resolves from a snapshot that misses a delivery committed meanwhile.
    static let lockKey: Int64 = 0x5753_414E_4F4D  // "WSANOM"

    let connection: PostgresConnection
    let anomaly: AnomalyConfig
    let release: ReleaseConfig

    public init(connection: PostgresConnection, anomaly: AnomalyConfig, release: ReleaseConfig) {
        self.connection = connection
        self.anomaly = anomaly
        self.release = release
    }

    /// - Parameter runID: the harvest run whose `anomalies_*` counts to set; nil for none.
    @discardableResult
    public func run(now: Date, runID: Int64?) throws(StoreError) -> AnomalyPassResult {
        try storeCall {
            try connection.transaction { connection in
                try connection.query("SELECT pg_advisory_xact_lock($1)", [Self.lockKey])
                // Hashes over the whole table stay in memory; parallel workers cost more to start
                // than these scans take.
                try connection.query("SET LOCAL work_mem = '64MB'")
                try connection.query("SET LOCAL max_parallel_workers_per_gather = 0")
                let empty: Bool = try connection.query(ReleaseMembershipSQL.isEmpty)[0].get("empty")
                if empty { try connection.execute(ReleaseMembershipSQL.dropIndexes) }
                try connection.query(ReleaseMembershipSQL.refresh, [release.labelPattern])
                if empty { try connection.execute(ReleaseMembershipSQL.createIndexes) }
                let row = try connection.run(AnomalyLifecycleSQL.pass,
                                             [release.labelPattern, now, anomaly.staleDays, runID])[0]
                return try AnomalyPassResult(row)
            }
        }
    }
}

extension AnomalyPassResult {
    init(_ row: PostgresRow) throws(PostgresError) {
        self.init(new: try row.get("new"), resolved: try row.get("resolved"), open: try row.get("open"))
    }
}
