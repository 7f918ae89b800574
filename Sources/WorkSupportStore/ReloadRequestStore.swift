import Postgres

/// What became of a reload request: queued, or refused because another one is queued or running.
public enum ReloadRequestOutcome: Sendable, Equatable {
    case queued(id: Int64, status: String)
    case conflict(existingID: Int64, status: String)
}

/// Reload requests from the API: rows the harvester claims with `FOR UPDATE SKIP LOCKED`.
public struct ReloadRequestStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Queues a reload unless one is queued or running (always when `force`). The check and the
    /// insert run under a transaction-scoped advisory lock, so two workers cannot both queue one.
    public func request(force: Bool, requestedBy: String?) throws(StoreError) -> ReloadRequestOutcome {
        try storeCall {
            try connection.transaction { connection in
                _ = try connection.run(Self.lock, [Self.advisoryLockKey])
                if !force, let active = try connection.run(Self.active).first {
                    return .conflict(existingID: try active.get("id"), status: try active.get("status"))
                }
                let row = try connection.run(Self.insert, [force, requestedBy])[0]
                return .queued(id: try row.get("id"), status: try row.get("status"))
            }
        }
    }

    /// One request as JSON text, or nil when there is none with this id.
    public func requestJSON(id: Int64) throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.one, [id]).first?.get("body") }
    }

    /// `{"reloads":[…],"total_count":N}`, newest first.
    public func listJSON(limit: Int, status: String?) throws(StoreError) -> String {
        try storeCall { try connection.run(Self.list, [limit, status])[0].get("body") }
    }

    /// Arbitrary constant shared by every API worker that queues reloads ("WSRELD").
    static let advisoryLockKey: Int64 = 0x5753_5245_4C44

    static let lock = StoreStatement(name: "api_reload_lock", sql: "SELECT pg_advisory_xact_lock($1::bigint)")

    static let active = StoreStatement(name: "api_reload_active", sql: """
        SELECT id, status FROM reload_requests WHERE status IN ('queued', 'running')
        ORDER BY requested_at, id LIMIT 1
        """)

    static let insert = StoreStatement(name: "api_reload_insert", sql: """
        INSERT INTO reload_requests (force, requested_by) VALUES ($1, $2) RETURNING id, status
        """)

    static let object = """
        json_build_object(
            'reload_id', r.id,
            'status', r.status,
            'requested_at', \(APISQL.rfc3339("r.requested_at")),
            'requested_by', r.requested_by,
            'force', r.force,
            'started_at', \(APISQL.rfc3339("r.started_at")),
            'completed_at', \(APISQL.rfc3339("r.completed_at")),
            'run_id', r.run_id,
            'records_processed', r.records_processed,
            'issues_deleted', r.issues_deleted,
            'error_message', r.error_message)
        """

    static let one = StoreStatement(name: "api_reload_one", sql: """
        SELECT \(object)::text AS body FROM reload_requests r WHERE r.id = $1
        """)

    static let list = StoreStatement(name: "api_reload_list", sql: """
        WITH matched AS (
            SELECT * FROM reload_requests WHERE $2::text IS NULL OR status = $2::text
        )
        SELECT json_build_object(
            'reloads', coalesce((SELECT json_agg(page.item ORDER BY page.requested_at DESC, page.id DESC)
                                 FROM (SELECT r.id, r.requested_at, \(object) AS item FROM matched r
                                       ORDER BY r.requested_at DESC, r.id DESC LIMIT $1) AS page), '[]'::json),
            'total_count', (SELECT count(*) FROM matched)
        )::text AS body
        """)
}
