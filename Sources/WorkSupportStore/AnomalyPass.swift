import FoundationEssentials
import Postgres
import WorkSupportCore

/// Runs every anomaly rule over the whole `issues` table and applies the open/resolved lifecycle,
/// refreshing release membership first, in one transaction. The harvester calls it after each
/// run's writes; `now` is a parameter so that tests evaluate `stale_in_progress` at a fixed instant.
public struct AnomalyPass {
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
                // Hashes over the whole table stay in memory; parallel workers cost more to start
                // than these scans take.
                try connection.query("SET LOCAL work_mem = '64MB'")
                try connection.query("SET LOCAL max_parallel_workers_per_gather = 0")
                try connection.query(ReleaseMembershipSQL.createWanted)
                try connection.query(ReleaseMembershipSQL.addOwn, [release.labelPattern])
                try connection.execute(ReleaseMembershipSQL.analyzeWanted)
                try connection.query(ReleaseMembershipSQL.addInherited, [release.labelPattern])
                try connection.query(ReleaseMembershipSQL.deleteGone)
                try connection.query(ReleaseMembershipSQL.insertNew)
                let row = try connection.run(AnomalyLifecycleSQL.pass,
                                             [release.labelPattern, now, anomaly.staleDays, runID])[0]
                return AnomalyPassResult(new: try row.get("new"), resolved: try row.get("resolved"),
                                         open: try row.get("open"))
            }
        }
    }
}
