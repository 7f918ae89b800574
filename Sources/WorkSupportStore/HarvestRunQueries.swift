import Postgres

/// The harvest audit log as the API shows it: runs and their per-item errors.
public struct HarvestRunQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `{"runs":[…],"total_count":N}`, newest first; each run carries its error count.
    public func listJSON(limit: Int, status: String?, kind: String?) throws(StoreError) -> String {
        try storeCall { try connection.run(Self.list, [limit, status, kind])[0].get("body") }
    }

    /// One run with all its error rows, or nil when there is no run with this id.
    public func runJSON(id: Int64) throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.one, [id]).first?.get("body") }
    }

    /// The newest run (any status) as JSON text, nil before the first run: `/health`'s `last_harvest`.
    public func lastRunJSON() throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.last).first?.get("body") }
    }

    static let object = """
        json_build_object(
            'id', h.id,
            'kind', h.kind,
            'trigger', h.trigger,
            'full_reload', h.full_reload,
            'status', h.status,
            'started_at', \(APISQL.rfc3339("h.started_at")),
            'finished_at', \(APISQL.rfc3339("h.finished_at")),
            'heartbeat_at', \(APISQL.rfc3339("h.heartbeat_at")),
            'host', h.host,
            'pid', h.pid,
            'fetched', h.fetched,
            'inserted', h.inserted,
            'updated', h.updated,
            'unchanged', h.unchanged,
            'deleted', h.deleted,
            'failed', h.failed,
            'anomalies_new', h.anomalies_new,
            'anomalies_resolved', h.anomalies_resolved,
            'anomalies_open', h.anomalies_open,
            'slack_messages_fetched', h.slack_messages_fetched,
            'slack_messages_written', h.slack_messages_written,
            'slack_messages_deleted', h.slack_messages_deleted,
            'slack_messages_pruned', h.slack_messages_pruned,
            'slack_channels_skipped', h.slack_channels_skipped,
            'deliveries_pruned', h.deliveries_pruned,
            'pushes_pruned', h.pushes_pruned,
            'cursors', h.cursors,
            'error_message', h.error_message,
            'error_count', (SELECT count(*) FROM harvest_errors e WHERE e.run_id = h.id))
        """

    static let errors = """
        coalesce((SELECT json_agg(json_build_object(
                     'id', e.id, 'source', e.source, 'item_key', e.item_key, 'reason', e.reason,
                     'http_status', e.http_status, 'attempts', e.attempts,
                     'occurred_at', \(APISQL.rfc3339("e.occurred_at"))) ORDER BY e.id)
                  FROM harvest_errors e WHERE e.run_id = h.id), '[]'::json)
        """

    static let list = StoreStatement(name: "api_runs_list", sql: """
        WITH matched AS (
            SELECT * FROM harvest_runs
            WHERE ($2::text IS NULL OR status = $2::text) AND ($3::text IS NULL OR kind = $3::text)
        )
        SELECT json_build_object(
            'runs', coalesce((SELECT json_agg(page.item ORDER BY page.started_at DESC, page.id DESC)
                              FROM (SELECT h.id, h.started_at, \(object) AS item FROM matched h
                                    ORDER BY h.started_at DESC, h.id DESC LIMIT $1) AS page), '[]'::json),
            'total_count', (SELECT count(*) FROM matched)
        )::text AS body
        """)

    static let one = StoreStatement(name: "api_run_one", sql: """
        SELECT (\(object)::jsonb || jsonb_build_object('errors', \(errors)))::text AS body
        FROM harvest_runs h WHERE h.id = $1
        """)

    static let last = StoreStatement(name: "api_run_last", sql: """
        SELECT json_build_object(
            'id', h.id, 'kind', h.kind, 'status', h.status,
            'started_at', \(APISQL.rfc3339("h.started_at")),
            'finished_at', \(APISQL.rfc3339("h.finished_at")))::text AS body
        FROM harvest_runs h ORDER BY h.started_at DESC, h.id DESC LIMIT 1
        """)
}
