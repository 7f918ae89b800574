import Postgres
import WorkSupportStore

/// A session-level advisory lock: one harvester at a time, across hosts. Released when the
/// connection closes, so a killed harvester never leaves it held.
enum HarvestLock {
    static let key: Int64 = 0x5753_4841_5256  // "WSHARV"

    static func tryAcquire(_ connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT pg_try_advisory_lock($1) AS got", [key])[0].get("got")
    }

    static func release(_ connection: PostgresConnection) {
        _ = try? connection.query("SELECT pg_advisory_unlock($1)", [key])
    }
}
