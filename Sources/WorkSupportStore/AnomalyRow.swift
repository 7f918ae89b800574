import FoundationEssentials
import Postgres

/// One `anomalies` row for terminal listings.
public struct AnomalyRow: Sendable, Equatable {
    public var kind: String
    public var issueKey: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var resolvedAt: Date?
    public var occurrences: Int
    public var assignee: String?
}

extension AnomalyQueries {
    /// Rows newest sighting first; `open` nil means both states.
    public func rows(kind: String?, open: Bool?, limit: Int) throws(StoreError) -> [AnomalyRow] {
        try storeCall {
            try connection.query(Self.rowsSQL, [kind, open, limit]).map { row in
                AnomalyRow(kind: try row.get("kind"), issueKey: try row.get("issue_key"),
                           firstSeen: try row.get("first_seen"), lastSeen: try row.get("last_seen"),
                           resolvedAt: try row.get("resolved_at"), occurrences: try row.get("occurrences"),
                           assignee: try row.get("assignee"))
            }
        }
    }

    static let rowsSQL = """
        SELECT a.kind, a.issue_key, a.first_seen, a.last_seen, a.resolved_at, a.occurrences,
               coalesce(i.assignee_member_id, i.assignee) AS assignee
        FROM anomalies a LEFT JOIN issues i ON i.issue_key = a.issue_key
        WHERE ($1::text IS NULL OR a.kind = $1::text)
          AND ($2::boolean IS NULL OR (a.resolved_at IS NULL) = $2::boolean)
        ORDER BY a.kind, a.issue_key
        LIMIT $3::int
        """
}
