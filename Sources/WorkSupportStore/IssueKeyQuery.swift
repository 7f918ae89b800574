import FoundationEssentials
import Postgres

/// The filters of `GET /api/issues/keys`. Empty lists mean "no filter"; several values of one
/// filter match any of them, except labels, which must all be present.
public struct IssueKeyFilter: Sendable, Equatable {
    public var sources: [String] = []
    /// Member id, member name, Jira accountId or GitHub login (also the raw upstream assignee).
    public var assignees: [String] = []
    public var labels: [String] = []
    /// Issue type name (any case) or numeric id.
    public var issueTypes: [String] = []
    public var parentKeys: [String] = []
    public var statuses: [String] = []
    public var updatedSince: Date?

    public init() {}
}

/// One page of issue keys in key order, with the count of every key the filters match.
public struct IssueKeyPage: Sendable, Equatable {
    public let keys: [String]
    public let totalCount: Int
    /// When the last harvest that wrote data finished (RFC 3339), nil before the first one.
    public let harvestedAt: String?
    /// True when keys beyond this page match.
    public let hasMore: Bool
}

/// Issue keys by filter, with keyset paging on `issue_key`.
///
/// The SQL is assembled from fixed fragments, one per filter present, so each combination gets
/// a plan that uses that filter's index; each combination is prepared under its own name.
public struct IssueKeyQuery {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Keys after `afterKey` (exclusive), at most `limit` of them (all when nil).
    public func page(_ filter: IssueKeyFilter, afterKey: String?, limit: Int?) throws(StoreError) -> IssueKeyPage {
        let (statement, parameters) = Self.statement(for: filter, afterKey: afterKey,
                                                     limit: limit.map { $0 + 1 })
        return try storeCall {
            let row = try connection.run(statement, parameters)[0]
            var keys: [String] = try row.get("keys")
            let hasMore = limit.map { keys.count > $0 } ?? false
            if let limit, hasMore { keys.removeLast(keys.count - limit) }
            return IssueKeyPage(keys: keys, totalCount: try row.get("total_count"),
                                harvestedAt: try row.get("harvested_at"), hasMore: hasMore)
        }
    }

    /// Every key the filters match, in key order, read in place by `body` with when the last
    /// harvest finished: one scan, the count being the number of rows (a member has thousands
    /// of keys, and the paged statement's separate count read them all a second time).
    public func allKeys<R>(_ filter: IssueKeyFilter,
                           _ body: (IssueKeyRows, _ harvestedAt: String?) -> R) throws(StoreError) -> R {
        let (statement, parameters) = Self.statement(for: filter, afterKey: nil, limit: nil, counted: false)
        return try storeCall {
            let harvestedAt: String? = try connection.run(APISQL.lastHarvest).first?.get("harvested_at")
            return try connection.run(statement, parameters) { rows throws(PostgresError) in
                body(IssueKeyRows(result: rows), harvestedAt)
            }
        }
    }

    /// Filter fragments by position; `$N` is replaced by the parameter's number. Lookups of
    /// members and types are `= ANY(ARRAY(subquery))`, evaluated once, so that the issue
    /// columns are matched through their indexes (an `IN (subquery)` under `OR` is a seq scan).
    static let fragments: [String] = [
        "i.source = ANY($N::text[])",
        """
        (i.assignee = ANY($N::text[]) OR i.assignee_member_id = ANY(ARRAY(
            SELECT member_id FROM team_members
            WHERE member_id = ANY($N::text[]) OR name = ANY($N::text[]) OR jira_id = ANY($N::text[])
               OR lower(github_id) = ANY(ARRAY(SELECT lower(v) FROM unnest($N::text[]) AS v)))))
        """,
        "i.labels @> $N::text[]",
        """
        i.issue_type_id = ANY(ARRAY(
            SELECT id FROM issue_types
            WHERE lower(name) = ANY(ARRAY(SELECT lower(v) FROM unnest($N::text[]) AS v))
               OR id::text = ANY($N::text[])))
        """,
        "i.parent_key = ANY($N::text[])",
        "i.status = ANY($N::text[])",
        "i.updated_at >= $N::timestamptz",
        "i.issue_key > $N::text",
    ]

    /// The count and the page repeat the conditions rather than share a CTE: a materialized
    /// CTE would hide `issues_pkey` from the page's `ORDER BY issue_key LIMIT n`.
    /// `counted: false` leaves out the count and the harvest time: the keys as rows, nothing else.
    static func statement(for filter: IssueKeyFilter, afterKey: String?, limit: Int?,
                          counted: Bool = true) -> (StoreStatement, [any PostgresEncodable]) {
        let values: [(any PostgresEncodable)?] = [
            filter.sources.nilIfEmpty, filter.assignees.nilIfEmpty, filter.labels.nilIfEmpty,
            filter.issueTypes.nilIfEmpty, filter.parentKeys.nilIfEmpty, filter.statuses.nilIfEmpty,
            filter.updatedSince, afterKey,
        ]
        var conditions: [String] = []
        var parameters: [any PostgresEncodable] = []
        var mask = 0
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            parameters.append(value)
            mask |= 1 << index
            conditions.append(fragments[index].replacing("$N", with: "$\(parameters.count)"))
        }
        let hasCursor = afterKey != nil
        let filterConditions = hasCursor ? conditions.dropLast() : conditions[...]
        func whereClause<C: Collection<String>>(_ conditions: C) -> String {
            conditions.isEmpty ? "true" : conditions.joined(separator: "\n  AND ")
        }
        // Without a limit the statement has no LIMIT at all: a generic plan for `LIMIT $n`
        // assumes a small n and may walk the primary key where an index on the filter is better.
        var limitClause = ""
        if let limit {
            parameters.append(limit)
            mask |= 1 << values.count
            limitClause = " LIMIT $\(parameters.count)::bigint"
        }
        guard counted else {
            let sql = "SELECT i.issue_key FROM issues i WHERE \(whereClause(conditions)) ORDER BY i.issue_key"
            return (StoreStatement(name: "api_issue_key_rows_\(mask)", sql: sql), parameters)
        }
        let sql = """
            SELECT (SELECT count(*) FROM issues i WHERE \(whereClause(filterConditions))) AS total_count,
                   \(APISQL.lastHarvestedAt) AS harvested_at,
                   ARRAY(SELECT i.issue_key FROM issues i WHERE \(whereClause(conditions))
                         ORDER BY i.issue_key\(limitClause)) AS keys
            """
        return (StoreStatement(name: "api_issue_keys_\(mask)", sql: sql), parameters)
    }
}

extension Array where Element == String {
    var nilIfEmpty: [String]? { isEmpty ? nil : self }
}

/// The keys of `IssueKeyQuery.allKeys`, read in place (valid only inside its closure).
public struct IssueKeyRows {
    let result: PostgresResultView

    public var count: Int { result.rowCount }
    public func key(_ row: Int) -> UnsafeBufferPointer<UInt8> { result.bytes(row, 0) }
}

