import Postgres

/// What a cache lookup found: the document, or the xmin of a snapshot taken before anything
/// the caller builds next (to store the result under).
public enum DocumentCacheLookup: Equatable {
    /// The document, and the snapshot xmin it was stored under.
    case hit([UInt8], snapshotXmin: Int64)
    case miss(snapshotXmin: Int64)
}

/// Rendered documents shared by the API workers (`api_document_cache`, migration 0015), and
/// the change notifications that say which of them are still current.
///
/// A worker LISTENs on `channel`; writers of the data the documents read send their
/// transaction id there (triggers). It serves a stored document only when the document's
/// snapshot xmin is at least its `validFrom`: past every transaction it has heard of, and past
/// every transaction that could have committed unheard before it started listening.
public struct DocumentCache {
    public static let channel = "worksupport_data_changed"
    /// Characters per stored piece (see the migration).
    static let partCharacters = 32_768

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// LISTENs on `channel` in this server session and returns the first transaction id not yet
    /// assigned: every later transaction commits after the LISTEN and so will be heard of.
    public func listen() throws(StoreError) -> Int64 {
        try storeCall {
            try connection.execute("LISTEN \(Self.channel)")
            let next: String = try connection.run(Self.nextTransaction)[0].get("next_xid")
            return try Self.transactionID(next)
        }
    }

    /// The document stored under `key` if its snapshot xmin is at least `validFrom`.
    public func lookup(key: String, validFrom: Int64) throws(StoreError) -> DocumentCacheLookup {
        try storeCall {
            try connection.run(Self.lookup, [key, String(validFrom)]) { result throws(PostgresError) in
                if result.isNull(0, 1) {
                    return .miss(snapshotXmin: Self.integer(result.bytes(0, 0)))
                }
                var body: [UInt8] = []
                body.reserveCapacity((0..<result.rowCount).reduce(0) { $0 + result.bytes($1, 1).count })
                for row in 0..<result.rowCount { body.append(contentsOf: result.bytes(row, 1)) }
                return .hit(body, snapshotXmin: Self.integer(result.bytes(0, 2)))
            }
        }
    }

    /// Stores `body` (UTF-8 JSON) under `key`, replacing what was there, and drops documents
    /// older than `validFrom` and all but the newest `maxEntries` (a filter per request could
    /// otherwise grow the table without end). One writer per key at a time: the pieces of two
    /// bodies must not mix.
    public func store(key: String, body: [UInt8], snapshotXmin: Int64, validFrom: Int64,
                      maxEntries: Int) throws(StoreError) {
        try storeCall {
            try connection.transaction { connection in
                _ = try connection.run(Self.lockKey, [key])
                _ = try connection.run(Self.prune, [key, String(validFrom), Int64(maxEntries)])
                _ = try connection.run(Self.insert, [key, String(snapshotXmin), String(decoding: body, as: UTF8.self)])
            }
        }
    }

    /// xid8 values in text form; the server never sends a negative one.
    static func transactionID(_ text: String) throws -> Int64 {
        guard let value = Int64(text) else { throw StoreError(code: .database, message: "not a transaction id: \(text)") }
        return value
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        bytes.reduce(0) { $0 &* 10 &+ Int64($1 &- UInt8(ascii: "0")) }
    }

    static let nextTransaction = StoreStatement(name: "document_cache_next_xid", sql: """
        SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next_xid
        """)

    /// Always one row at least: on a miss, the snapshot's xmin and a null body.
    static let lookup = StoreStatement(name: "document_cache_lookup", sql: """
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS snapshot_xmin, c.body,
               c.snapshot_xmin::text AS stored_xmin
        FROM (SELECT) AS one
        LEFT JOIN api_document_cache c ON c.cache_key = $1::text AND c.snapshot_xmin >= $2::xid8
        ORDER BY c.part
        """)

    /// The two-key form of advisory locks is a key space of its own; 0x57530001 is this cache's.
    static let lockKey = StoreStatement(name: "document_cache_lock", sql: """
        SELECT pg_advisory_xact_lock(1465057281, hashtext($1::text))
        """)

    static let prune = StoreStatement(name: "document_cache_prune", sql: """
        DELETE FROM api_document_cache
        WHERE cache_key = $1::text
           OR snapshot_xmin < $2::xid8
           OR cache_key IN (SELECT cache_key FROM api_document_cache WHERE part = 0
                            ORDER BY stored_at DESC, cache_key OFFSET $3::bigint - 1)
        """)

    /// `substr` counts characters, so no piece ends inside one.
    static let insert = StoreStatement(name: "document_cache_insert", sql: """
        INSERT INTO api_document_cache (cache_key, part, snapshot_xmin, body)
        SELECT $1::text, n, $2::xid8, substr($3::text, n * \(partCharacters) + 1, \(partCharacters))
        FROM generate_series(0, (length($3::text) - 1) / \(partCharacters)) AS n
        """)
}
