import Postgres
import WorkSupportCore

/// The per-request key check of the API, as prepared statements: look the hash up by index,
/// compare it in constant time, and record use in one batched UPDATE.
public struct APIKeyLookup {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The id and name of the active key `key`, or nil. Revoked keys never match.
    public func activeKey(_ key: String) throws(StoreError) -> (id: Int64, name: String)? {
        let hash = APIKeyMaterial.hash(of: key)
        return try storeCall {
            guard let row = try connection.run(Self.byHash, [hash]).first else { return nil }
            return try Self.matchingKey(row, hash: hash)
        }
    }

    /// The key a row names (`id`, `name`, `key_hash`; all NULL when none matched), when its
    /// stored hash equals `hash`, compared in constant time.
    static func matchingKey(_ row: PostgresRow, hash: String) throws(PostgresError) -> (id: Int64, name: String)? {
        let stored: String? = try row.get("key_hash")
        guard let stored, SecretDigest.constantTimeEquals(Array(stored.utf8), Array(hash.utf8)) else { return nil }
        return (try row.get("id"), try row.get("name"))
    }

    /// The same from a result read in place, whose row 0 holds `id`, `name`, `key_hash` in its
    /// first three columns.
    static func matchingKey(_ result: PostgresResultView, hash: String) -> (id: Int64, name: String)? {
        guard let stored = result.cell(0, 2), SecretDigest.constantTimeEquals(Array(stored), Array(hash.utf8)),
              let id = result.cell(0, 0).flatMap({ Int64(String(decoding: $0, as: UTF8.self)) }),
              let name = result.cell(0, 1) else { return nil }
        return (id, String(decoding: name, as: UTF8.self))
    }

    /// Sets `last_used_at` of these keys to now, in one statement.
    public func markUsed(_ ids: [Int64]) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try storeCall { _ = try connection.run(Self.touch, [ids]) }
    }

    static let byHash = StoreStatement(name: "api_key_by_hash", sql: """
        SELECT id, name, key_hash FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL
        """)

    static let touch = StoreStatement(name: "api_key_touch", sql: """
        UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::bigint[])
        """)
}
