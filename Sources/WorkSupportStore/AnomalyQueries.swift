import Postgres

/// Data-quality findings as the API shows them.
public struct AnomalyQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `{"anomalies":[…],"total_count":N}`, newest sighting first. `open` nil means both states;
    /// `assignee` is a member id, member name, Jira accountId or GitHub login of the issue's assignee.
    public func listJSON(kind: String?, open: Bool?, issueKey: String?, assignee: String? = nil) throws(StoreError) -> String {
        try storeCall { try connection.run(Self.list, [kind, open, issueKey, assignee])[0].get("body") }
    }

    /// `{"by_kind":[{"kind","open","resolved"}],"open":N,"resolved":N}`.
    public func summaryJSON() throws(StoreError) -> String {
        try storeCall { try connection.run(Self.summary)[0].get("body") }
    }

    static let list = StoreStatement(name: "api_anomalies", sql: """
        WITH matched AS (
            SELECT a.* FROM anomalies a
            WHERE ($1::text IS NULL OR a.kind = $1::text)
              AND ($2::boolean IS NULL OR (a.resolved_at IS NULL) = $2::boolean)
              AND ($3::text IS NULL OR a.issue_key = $3::text)
              AND ($4::text IS NULL OR a.issue_key IN (\(APISQL.issueKeysAssignedTo("$4::text"))))
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

    static let summary = StoreStatement(name: "api_anomaly_summary", sql: """
        WITH by_kind AS (
            SELECT kind, count(*) FILTER (WHERE resolved_at IS NULL)::int AS open,
                   count(*) FILTER (WHERE resolved_at IS NOT NULL)::int AS resolved
            FROM anomalies GROUP BY kind
        )
        SELECT json_build_object(
            'by_kind', coalesce((SELECT json_agg(json_build_object('kind', kind, 'open', open, 'resolved', resolved)
                                  ORDER BY kind) FROM by_kind), '[]'::json),
            'open', (SELECT coalesce(sum(open), 0) FROM by_kind),
            'resolved', (SELECT coalesce(sum(resolved), 0) FROM by_kind)
        )::text AS body
        """)
}
