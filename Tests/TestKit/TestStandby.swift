import Foundation
import Postgres

/// A `TestDatabase` as the streaming hot standby that `make test` starts beside the cluster
/// (`scripts/pg-cluster standby`) sees it: the same database name, read-only, a replay behind.
public struct TestStandby: Sendable {
    /// The database on the primary, where every write goes.
    public let primary: TestDatabase
    /// libpq conninfo for the same database on the standby.
    public let url: String

    public init(of primary: TestDatabase) throws {
        self.primary = primary
        url = "\(try Self.adminURL()) dbname=\(primary.name)"
    }

    public func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url)
    }

    /// Returns once the standby has replayed all the WAL the primary had inserted when called
    /// (every commit made before the call) and the database exists there; throws after `seconds`.
    public func waitUntilReplayed(seconds: Double = 30) throws {
        let primaryAdmin = try PostgresConnection(url: try TestDatabase.adminURL() + " dbname=postgres")
        // The insert position, not pg_current_wal_lsn(): with the cluster's synchronous_commit=off
        // the write position can still be short of a commit the caller has just made.
        let target: String = try primaryAdmin.query("SELECT pg_current_wal_insert_lsn()::text AS lsn")[0].get("lsn")
        let standbyAdmin = try PostgresConnection(url: try Self.adminURL() + " dbname=postgres")
        var replayed: String?
        let caughtUp = try Deadline.poll(seconds: seconds) {
            let row = try standbyAdmin.query("""
                SELECT pg_last_wal_replay_lsn()::text AS replayed,
                       pg_last_wal_replay_lsn() >= $1::pg_lsn
                           AND EXISTS (SELECT FROM pg_database WHERE datname = $2) AS ready
                """, [target, primary.name])[0]
            replayed = try row.get("replayed")
            return try row.get("ready", as: Bool?.self) ?? false
        }
        guard caughtUp else {
            throw TestEnvironmentError(message: replayed.map {
                "the standby replayed WAL up to \($0), not the primary's \(target) (database \(primary.name)), within \(seconds) s"
            } ?? "the server at WORKSUPPORT_TEST_STANDBY_URL is not in recovery: not a standby")
        }
    }

    /// The standby's conninfo without dbname (`host=… port=… user=postgres`).
    public static func adminURL() throws -> String {
        let url = try environment("WORKSUPPORT_TEST_STANDBY_URL")
        return url.split(separator: " ").filter { !$0.hasPrefix("dbname=") }.joined(separator: " ")
    }

    private static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestEnvironmentError(message:
                "\(name) is not set: run the tests with `make test`, which starts a hot standby of its private cluster")
        }
        return value
    }
}

extension TestStandby {
    /// The standby's server log (stderr of the server, one line per message).
    public static func logPath() throws -> String {
        try environment("WORKSUPPORT_TEST_STANDBY_LOG")
    }

    /// The log's length now: `logLines(since:)` with it returns only what is written afterwards.
    public static func logEnd() throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: try logPath())
        return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// Lines appended to the log after `offset`; with `database`, only those of sessions on it
    /// (the standby's log_line_prefix names the database: `db=NAME`).
    public static func logLines(since offset: UInt64, database: String? = nil) throws -> [String] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: try logPath()))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let lines = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        guard let database else { return lines }
        return lines.filter { $0.contains(" db=\(database) ") }
    }
}
