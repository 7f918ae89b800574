import Postgres
import WorkSupportCore

/// The per-request key check of the API, as prepared statements: look the hash up by index,
/// compare it in constant time, and record use in one batched UPDATE.
public struct APIKeyLookup {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The id and name of the active key whose SHA-256 (hex) is `hash`, or nil. Revoked keys never match.
    public func activeKey(hash: String) throws(StoreError) -> (id: Int64, name: String)? {
        try storeCall { try connection.run(Self.byHash, [hash]) { Self.matchingKey($0, hash: hash) } }
    }

    /// The key a result names in the columns of its row 0 (`id`, `name`, `key_hash`; no row when
    /// none matched), when its stored hash equals `hash`, compared in constant time. Read in
    /// place: this runs on every request.
    static func matchingKey(_ result: PostgresResultView, hash: String) -> (id: Int64, name: String)? {
        guard result.rowCount > 0, let stored = result.cell(0, 2),
              SecretDigest.constantTimeEquals(Array(stored), Array(hash.utf8)),
              let id = result.cell(0, 0).flatMap({ Int64(String(decoding: $0, as: UTF8.self)) }),
              let name = result.cell(0, 1) else { return nil }
        return (id, String(decoding: name, as: UTF8.self))
    }

    /// Sets `last_used_at` of these keys to now, in one statement.
    public func markUsed(_ ids: [Int64]) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try storeCall { _ = try connection.run(Self.touch, [ids]) }
    }

    /// Read by position (`matchingKey`): keep the columns' order.
    static let byHash = StoreStatement(name: "api_key_by_hash", sql: """
        SELECT id, name, key_hash FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL
        """)

    static let touch = StoreStatement(name: "api_key_touch", sql: """
        UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::bigint[])
        """)
}
