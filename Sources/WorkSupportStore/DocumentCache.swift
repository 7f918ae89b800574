import Postgres

/// What a cache lookup found: the stored document, if any, with the snapshot it was built
/// from, and the snapshot of the lookup itself (to build and store a new one under).
public struct DocumentCacheLookup {
    public let current: PostgresSnapshot
    public let stored: (body: [UInt8], snapshot: PostgresSnapshot)?
}

/// Rendered documents shared by the API workers (`api_document_cache`, migration 0015), and
/// the change notifications that say which of them are still current.
///
/// A worker LISTENs on `channel`; writers of the data the documents read send their
/// transaction id there (triggers). It serves a stored document only when every transaction
/// it heard of had ended in the snapshot the document was built from, and every transaction
/// that had ended when it began to listen too (see `DataChangeWatermark` in the API).
public struct DocumentCache {
    public static let channel = "worksupport_data_changed"
    /// Characters per stored piece (see the migration).
    static let partCharacters = 32_768

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// A request's parameter as text for the document's name: `name=<bytes>:value` lines, one
    /// per value. Counted, not separated: no value can pass for two, nothing needs escaping.
    public static func parameterText(_ name: String, _ values: [String]) -> String {
        values.reduce(into: "") { text, value in text += "\(name)=\(value.utf8.count):\(value)\n" }
    }

    /// LISTENs on `channel` in this server session and returns a snapshot taken after: every
    /// transaction still running in it commits after the LISTEN and so will be heard of.
    public func listen() throws(StoreError) -> PostgresSnapshot {
        try storeCall {
            try connection.execute("LISTEN \(Self.channel)")
            let text: String = try connection.run(Self.currentSnapshot)[0].get("snapshot")
            return try Self.snapshot(text)
        }
    }

    /// The document stored under `key`, if any, and the lookup's own snapshot.
    public func lookup(key: String) throws(StoreError) -> DocumentCacheLookup {
        try storeCall {
            try connection.run(Self.lookup, [key]) { result throws(PostgresError) in
                let current = try Self.snapshot(result.bytes(0, 0))
                guard !result.isNull(0, 1) else { return DocumentCacheLookup(current: current, stored: nil) }
                var body: [UInt8] = []
                body.reserveCapacity((0..<result.rowCount).reduce(0) { $0 + result.bytes($1, 1).count })
                for row in 0..<result.rowCount { body.append(contentsOf: result.bytes(row, 1)) }
                return DocumentCacheLookup(current: current, stored: (body, try Self.snapshot(result.bytes(0, 2))))
            }
        }
    }

    /// Stores `body` (UTF-8 JSON) built from `snapshot` under `key`, replacing what was there,
    /// and drops documents whose snapshot's xmin is at most `endedBefore` (the caller's floor:
    /// it would not serve them, and the others will not for long) and all but the newest
    /// `maxEntries` (a filter per request could otherwise grow the table without end). One writer per key at a time: the pieces of two bodies
    /// must not mix.
    public func store(key: String, body: [UInt8], snapshot: PostgresSnapshot, endedBefore: Int64,
                      maxEntries: Int) throws(StoreError) {
        try storeCall {
            try connection.transaction { connection in
                _ = try connection.run(Self.lockKey, [key])
                _ = try connection.run(Self.prune, [key, String(endedBefore), Int64(maxEntries)])
                _ = try connection.run(Self.insert, [key, snapshot.text, String(decoding: body, as: UTF8.self)])
            }
        }
    }

    static func snapshot(_ text: String) throws(PostgresError) -> PostgresSnapshot {
        guard let snapshot = PostgresSnapshot(text: text) else {
            throw PostgresError(code: .typeMismatch, message: "not a snapshot: \(text.prefix(100))")
        }
        return snapshot
    }

    static func snapshot(_ bytes: UnsafeBufferPointer<UInt8>) throws(PostgresError) -> PostgresSnapshot {
        try snapshot(String(decoding: bytes, as: UTF8.self))
    }

    static let currentSnapshot = StoreStatement(name: "document_cache_snapshot", sql: """
        SELECT pg_current_snapshot()::text AS snapshot
        """)

    /// Always one row at least: on a miss, the lookup's snapshot and a null body.
    static let lookup = StoreStatement(name: "document_cache_lookup", sql: """
        SELECT pg_current_snapshot()::text AS current, c.body, c.snapshot::text AS stored
        FROM (SELECT) AS one
        LEFT JOIN api_document_cache c ON c.cache_key = $1::text
        ORDER BY c.part
        """)

    /// The two-key form of advisory locks is a key space of its own; 0x57530001 is this cache's.
    static let lockKey = StoreStatement(name: "document_cache_lock", sql: """
        SELECT pg_advisory_xact_lock(1465057281, hashtext($1::text))
        """)

    static let prune = StoreStatement(name: "document_cache_prune", sql: """
        DELETE FROM api_document_cache
        WHERE cache_key = $1::text
           OR pg_snapshot_xmin(snapshot) <= $2::xid8
           OR cache_key IN (SELECT cache_key FROM api_document_cache WHERE part = 0
                            ORDER BY stored_at DESC, cache_key OFFSET $3::bigint - 1)
        """)

    /// `substr` counts characters, so no piece ends inside one.
    static let insert = StoreStatement(name: "document_cache_insert", sql: """
        INSERT INTO api_document_cache (cache_key, part, snapshot, body)
        SELECT $1::text, n, $2::pg_snapshot, substr($3::text, n * \(partCharacters) + 1, \(partCharacters))
        FROM generate_series(0, (length($3::text) - 1) / \(partCharacters)) AS n
        """)
}
