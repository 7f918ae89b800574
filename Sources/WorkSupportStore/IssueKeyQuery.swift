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

    /// Every key the filters match, in byte order, read in place by `body` with when the last
    /// harvest finished: one scan, the count being the number of rows (a member has thousands
    /// of keys, and the paged statement's separate count read them all a second time).
    ///
    /// The keys come joined by line breaks in one row, with their number and the harvest time:
    /// one round trip, and less of the database's time than one row per key (each row sent is
    /// a message of its own). A key with a line break in it would split in two, so
    /// when the pieces do not match the count the keys are read again as rows.
    public func allKeys<R>(_ filter: IssueKeyFilter,
                           _ body: (IssueKeyRows, _ harvestedAt: String?) -> R) throws(StoreError) -> R {
        let (asRows, parameters) = Self.statement(for: filter, afterKey: nil, limit: nil, counted: false)
        let joined = StoreStatement(name: asRows.name + "_joined", sql: """
            SELECT \(APISQL.lastHarvestedAt) AS harvested_at, count(*) AS key_count,
                   string_agg(k.issue_key, E'\\n') AS keys
            FROM (\(asRows.sql)) k
            """)
        return try storeCall {
            var harvestedAt: String?
            let answer = try connection.run(joined, parameters) { result throws(PostgresError) -> R? in
                harvestedAt = result.cell(0, 0).map { String(decoding: $0, as: UTF8.self) }
                let count = result.bytes(0, 1).reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
                let keys = count == 0 ? [] : result.bytes(0, 2).split(separator: UInt8(ascii: "\n"),
                                                                     omittingEmptySubsequences: false)
                guard keys.count == count else { return nil }
                return body(IssueKeyRows(keys: keys.map { UnsafeBufferPointer(rebasing: $0) }), harvestedAt)
            }
            if let answer { return answer }
            return try connection.run(asRows, parameters) { result throws(PostgresError) in
                body(IssueKeyRows(keys: (0..<result.rowCount).map { result.bytes($0, 0) }), harvestedAt)
            }
        }
    }

    /// Filter fragments by position; `$N` is replaced by the parameter's number. Lookups of
    /// members and types are `= ANY(ARRAY(subquery))`, evaluated once, so that the issue
    /// columns are matched through their indexes (an `IN (subquery)` under `OR` is a seq scan).
    static let fragments: [String] = [
        "i.source = ANY($N::text[])",
        "(\(assigneeText) OR \(assigneeMember))",
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

    /// The two halves of the assignee filter: the upstream assignee as harvested, or the team
    /// member it resolved to.
    static let assigneeText = "i.assignee = ANY($N::text[])"
    /// `assigneeText` as the unpaged statement's branch. With the values behind a subquery, the
    /// generic plan is estimated like the custom ones, so PostgreSQL settles on it. Given the
    /// array itself, each custom plan knew it held one name and looked cheaper than the generic
    /// one: the statement was planned again at every request, a quarter of its database time.
    static let assigneeTextBranch = "i.assignee = ANY(ARRAY(SELECT unnest($N::text[])))"
    static let assigneeMember = """
        i.assignee_member_id = ANY(ARRAY(
            SELECT member_id FROM team_members
            WHERE member_id = ANY($N::text[]) OR name = ANY($N::text[]) OR jira_id = ANY($N::text[])
               OR lower(github_id) = ANY(ARRAY(SELECT lower(v) FROM unnest($N::text[]) AS v))))
        """

    /// The count and the page repeat the conditions rather than share a CTE: a materialized
    /// CTE would hide `issues_pkey` from the page's `ORDER BY issue_key LIMIT n`.
    ///
    /// `counted: false` leaves out the count and the harvest time: the keys as rows, which
    /// `IssueKeyRows` puts in byte order, each once. With an assignee they come unordered and
    /// possibly twice: the assignee filter is a UNION ALL of its two halves rather than their
    /// OR, each half alone an index-only scan of `(assignee…, issue_key)`, where the OR visits a
    /// table page per key (2,000 for a member); and sorting bytes in the worker costs a fraction
    /// of the database's sort by collation (strcoll under C.UTF-8), which cost more than the scan.
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
        /// Where the assignee filter sits in `conditions`, and its parameter's number.
        var assignee: (position: Int, parameter: String)?
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            parameters.append(value)
            mask |= 1 << index
            if index == 1 { assignee = (conditions.count, "$\(parameters.count)") }
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
            // With an assignee, one branch per half of its OR (see `IssueKeyRows`).
            // Without one, the database's order stays: the primary key gives it for free where
            // it is the best path (sorting every key in the worker took longer).
            var sql = "SELECT i.issue_key FROM issues i WHERE \(whereClause(conditions)) ORDER BY i.issue_key"
            if let assignee {
                sql = [assigneeTextBranch, assigneeMember].map { half in
                    var branch = conditions
                    branch[assignee.position] = half.replacing("$N", with: assignee.parameter)
                    return "SELECT i.issue_key FROM issues i WHERE \(whereClause(branch))"
                }.joined(separator: "\nUNION ALL\n")
            }
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

/// The keys of `IssueKeyQuery.allKeys` in byte order, each once, read in place (valid only
/// inside its closure).
public struct IssueKeyRows {
    /// Each key's bytes, as the database sent them.
    let keys: [UnsafeBufferPointer<UInt8>]
    /// Indices into `keys` in key order, duplicates left out.
    let order: [Int32]

    init(keys: [UnsafeBufferPointer<UInt8>]) {
        self.keys = keys
        self.order = Self.sortedUnique(keys)
    }

    public var count: Int { order.count }
    public func key(_ index: Int) -> UnsafeBufferPointer<UInt8> { keys[Int(order[index])] }

    /// The indices of `keys` ordered by their bytes, one of each run of equal keys. Keys that
    /// already come in strictly increasing order are not sorted again.
    static func sortedUnique(_ keys: [UnsafeBufferPointer<UInt8>]) -> [Int32] {
        var rows = (0..<Int32(keys.count)).map { $0 }
        func precedes(_ a: Int32, _ b: Int32) -> Bool { PostgresResultView.precedes(keys[Int(a)], keys[Int(b)]) }
        if zip(rows, rows.dropFirst()).allSatisfy({ precedes($0, $1) }) { return rows }
        rows.sort(by: precedes)
        var kept = 0
        for row in rows where kept == 0 || !PostgresResultView.sameBytes(keys[Int(rows[kept - 1])], keys[Int(row)]) {
            rows[kept] = row
            kept += 1
        }
        rows.removeLast(rows.count - kept)
        return rows
    }
}

