import FoundationEssentials
import Postgres

/// What `worksupport status` reports: is the database there, is the schema current, how did the
/// last harvest go.
public struct StoreStatus: Sendable {
    public struct LastRun: Sendable {
        public let id: Int64
        public let kind: String
        public let status: String
        public let startedAt: Date
        public let finishedAt: Date?
    }

    public let serverVersion: String
    public let appliedVersion: Int?
    public let pending: [MigrationFile]
    /// Applied by a newer build: this build does not have these files.
    public let unknownApplied: [MigrationRunner.AppliedMigration]
    public let lastRun: LastRun?
    public let issueCount: Int?

    public var schemaIsCurrent: Bool { pending.isEmpty && unknownApplied.isEmpty }

    public static func read(_ connection: PostgresConnection, migrations: [MigrationFile]) throws(StoreError) -> StoreStatus {
        let pending = try MigrationRunner(connection: connection).pending(migrations)
        let unknownApplied = try MigrationRunner(connection: connection).unknownApplied(migrations)
        return try storeCall {
            let server: String = try connection.query("SELECT current_setting('server_version') AS v")[0].get("v")
            let hasSchema: Bool = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS e")[0].get("e")
            let applied: Int? = hasSchema
                ? try connection.query("SELECT max(version) AS v FROM schema_migrations")[0].get("v") : nil
            var lastRun: LastRun?
            var issueCount: Int?
            let hasRuns: Bool = try connection.query("SELECT to_regclass('harvest_runs') IS NOT NULL AS e")[0].get("e")
            if hasRuns, let row = try connection.query(
                "SELECT id, kind, status, started_at, finished_at FROM harvest_runs ORDER BY started_at DESC, id DESC LIMIT 1").first {
                lastRun = LastRun(id: try row.get("id"), kind: try row.get("kind"), status: try row.get("status"),
                                  startedAt: try row.get("started_at"), finishedAt: try row.get("finished_at"))
            }
            let hasIssues: Bool = try connection.query("SELECT to_regclass('issues') IS NOT NULL AS e")[0].get("e")
            if hasIssues { issueCount = try connection.query("SELECT count(*) AS n FROM issues")[0].get("n") }
            return StoreStatus(serverVersion: server, appliedVersion: applied, pending: pending,
                               unknownApplied: unknownApplied, lastRun: lastRun, issueCount: issueCount)
        }
    }
}
