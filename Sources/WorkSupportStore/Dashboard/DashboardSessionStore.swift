import Postgres

/// The dashboard's browser sessions (`ui_sessions`): opened with an API key, found by the
/// SHA-256 of the cookie's token, ended by logout, expiry or the key's revocation.
public struct DashboardSessionStore {
    /// Who a live session belongs to.
    public struct Holder: Sendable, Equatable {
        public let sessionID: Int64
        public let keyName: String
    }

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Opens a session for the key, lasting `seconds`, and drops expired sessions on the way
    /// (logins are rare, so they carry the cleanup).
    public func open(tokenHash: String, apiKeyID: Int64, seconds: Int) throws(StoreError) {
        try storeCall {
            _ = try connection.run(Self.dropExpired)
            _ = try connection.run(Self.insert, [tokenHash, apiKeyID, seconds])
        }
    }

    /// The live session with this token hash: not expired, its key not revoked. Reads only.
    public func holder(tokenHash: String) throws(StoreError) -> Holder? {
        try storeCall {
            guard let row = try connection.run(Self.lookup, [tokenHash]).first else { return nil }
            return Holder(sessionID: try row.get("id"), keyName: try row.get("name"))
        }
    }

    /// Records a use of the session (its POSTs; GETs write nothing).
    public func touch(sessionID: Int64) throws(StoreError) {
        try storeCall { _ = try connection.run(Self.touchSQL, [sessionID]) }
    }

    /// Logout: the session is gone, whatever the cookie says afterwards.
    public func close(sessionID: Int64) throws(StoreError) {
        try storeCall { _ = try connection.run(Self.delete, [sessionID]) }
    }

    static let dropExpired = StoreStatement(name: "ui_session_drop_expired",
                                            sql: "DELETE FROM ui_sessions WHERE expires_at < now()")

    static let insert = StoreStatement(name: "ui_session_insert", sql: """
        INSERT INTO ui_sessions (token_hash, api_key_id, expires_at)
        VALUES ($1, $2, now() + make_interval(secs => $3::integer))
        """)

    static let lookup = StoreStatement(name: "ui_session_lookup", sql: """
        SELECT s.id, k.name FROM ui_sessions s JOIN api_keys k ON k.id = s.api_key_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND k.revoked_at IS NULL
        """)

    static let touchSQL = StoreStatement(name: "ui_session_touch",
                                         sql: "UPDATE ui_sessions SET last_seen_at = now() WHERE id = $1")

    static let delete = StoreStatement(name: "ui_session_delete", sql: "DELETE FROM ui_sessions WHERE id = $1")
}
