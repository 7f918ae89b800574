import Postgres

/// Data-quality findings as the API shows them.
public struct AnomalyQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `{"anomalies":[…],"total_count":N}`, newest sighting first. `open` nil means both states.
    public func listJSON(kind: String?, open: Bool?, issueKey: String?) throws(StoreError) -> String {
        try storeCall { try connection.run(Self.list, [kind, open, issueKey])[0].get("body") }
    }

    static let list = StoreStatement(name: "api_anomalies", sql: """
        WITH matched AS (
            SELECT * FROM anomalies a
            WHERE ($1::text IS NULL OR a.kind = $1::text)
              AND ($2::boolean IS NULL OR (a.resolved_at IS NULL) = $2::boolean)
              AND ($3::text IS NULL OR a.issue_key = $3::text)
        )
        SELECT json_build_object(
            'anomalies', coalesce(json_agg(json_build_object(
                'id', a.id,
                'kind', a.kind,
                'issue_key', a.issue_key,
                'status', CASE WHEN a.resolved_at IS NULL THEN 'open' ELSE 'resolved' END,
                'first_seen', \(APISQL.rfc3339("a.first_seen")),
                'last_seen', \(APISQL.rfc3339("a.last_seen")),
                'resolved_at', \(APISQL.rfc3339("a.resolved_at")),
                'occurrences', a.occurrences,
                'details', a.details) ORDER BY a.last_seen DESC, a.id DESC), '[]'::json),
            'total_count', count(*)
        )::text AS body
        FROM matched a
        """)
}
