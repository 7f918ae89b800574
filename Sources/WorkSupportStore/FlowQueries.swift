import FoundationEssentials
import Postgres

/// The filters of `GET /api/flow` and `worksupport flow`. Empty lists mean "no filter"; several
/// values of one filter match any of them.
public struct FlowFilter: Sendable, Equatable {
    /// Only issues assigned to a configured team member.
    public var teamOnly = false
    /// Member id, member name, Jira accountId or GitHub login (also the raw upstream assignee).
    public var assignees: [String] = []
    /// Issue type name (any case) or numeric id.
    public var issueTypes: [String] = []
    public var sources: [String] = []
    /// `[from, to)` on `done_at`; nil bounds are open.
    public var from: Date?
    public var to: Date?

    public init() {}

    /// Whether a filter other than the window narrows the issues.
    var selectsIssues: Bool { teamOnly || !assignees.isEmpty || !issueTypes.isEmpty || !sources.isEmpty }

    /// Whether both bounds are absent or UTC midnights (the day sums answer then).
    var windowIsWholeDays: Bool {
        [from, to].allSatisfy { bound in
            bound.map { $0.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 } ?? true
        }
    }

    /// Whether done issues, throughput and time in status add up the day sums.
    var readsDaySums: Bool { !selectsIssues && windowIsWholeDays }
}

/// Flow documents read from the flow tables of migrations 0024 and 0029 (definitions:
/// docs/flow.md), each serialized by the database in one statement.
public struct FlowQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `{"issue_key","source","history":{"complete","reason",…},"problems","transitions":[…]}`,
    /// nil when there is no such issue.
    public func transitionsJSON(key: String) throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.transitions, [key])[0].get("body") }
    }

    /// The summary over the issues `filter` selects (shape: docs/flow.md, OpenAPI `FlowSummary`),
    /// read from the flow tables of migrations 0024 and 0029.
    public func summaryJSON(_ filter: FlowFilter) throws(StoreError) -> String {
        try storeCall { try summaryJSON(filter, try issueParameters(filter)) }
    }

    /// The summary with `filter`'s parameters already resolved (`issueParameters`).
    func summaryJSON(_ filter: FlowFilter, _ parameters: [any PostgresEncodable]) throws(PostgresError) -> String {
        try connection.run(filter.readsDaySums ? Self.summary : Self.filteredSummary, parameters)[0].get("body")
    }

    /// The parameters of `figureConditions` ($1–$4, $7) and the window ($5, $6). Members and
    /// types named by the filter are resolved to their ids first, in a statement of their own,
    /// so the planner sees the ids themselves and estimates the selected issues from the
    /// statistics of `issues` instead of guessing the size of a subquery.
    func issueParameters(_ filter: FlowFilter) throws(PostgresError) -> [any PostgresEncodable] {
        var memberIds: [String] = []
        var typeIds: [Int32]? = nil
        if !filter.assignees.isEmpty || !filter.issueTypes.isEmpty {
            let resolved = try connection.run(Self.resolveFilter, [filter.assignees, filter.issueTypes])[0]
            memberIds = try resolved.get("member_ids")
            if !filter.issueTypes.isEmpty { typeIds = try resolved.get("type_ids", as: [Int32].self) }
        }
        return [filter.teamOnly, filter.assignees.nilIfEmpty, typeIds, filter.sources.nilIfEmpty, filter.from, filter.to,
                memberIds]
    }

    /// Changelog times keep Jira's milliseconds.
    static func rfc3339Milliseconds(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    }

    /// Status and assignee rows in history order (status before assignee within one entry).
    static let transitions = StoreStatement(name: "api_issue_transitions", sql: """
        SELECT CASE WHEN i.issue_key IS NOT NULL THEN json_build_object(
            'issue_key', i.issue_key,
            'source', i.source,
            'history', json_build_object(
                'complete', coalesce(h.complete, false),
                'reason', CASE WHEN i.source <> 'jira' THEN 'only Jira issues have a status history'
                               WHEN h.issue_key IS NULL THEN 'history never fetched'
                               WHEN NOT h.complete THEN coalesce(h.reason, 'history incomplete') END,
                'entries', h.entries,
                'fetched_at', \(APISQL.rfc3339("h.fetched_at"))),
            'problems', coalesce((SELECT to_json(f.problems) FROM issue_flow_figures f WHERE f.issue_key = i.issue_key), '[]'::json),
            'transitions', coalesce((
                SELECT json_agg(json_build_object(
                    'changelog_id', t.changelog_id, 'field', t.field,
                    'changed_at', \(rfc3339Milliseconds("t.changed_at")), 'author', t.author,
                    'from', t.from_value, 'to', t.to_value, 'from_id', t.from_id, 'to_id', t.to_id,
                    'from_category', t.from_category, 'to_category', t.to_category, 'origin', t.origin)
                    ORDER BY t.history_order, t.field DESC)
                FROM issue_transitions t WHERE t.issue_key = i.issue_key), '[]'::json)
        )::text END AS body
        FROM (SELECT $1::text AS issue_key) k
        LEFT JOIN issues i ON i.issue_key = k.issue_key
        LEFT JOIN issue_histories h ON h.issue_key = i.issue_key
        """)

    /// Percentiles by nearest rank, `(array)[⌈p·n/100⌉]` in integers, as `FlowPercentile`.
    static func distribution(_ values: String) -> String {
        let ranks = [50, 85, 95].map { "'p\($0)', \(values)[greatest(1, (\($0) * cardinality(\(values)) + 99) / 100)]" }
        return "json_build_object('count', coalesce(cardinality(\(values)), 0), 'denominator', figures.done, \(ranks.joined(separator: ", ")))"
    }

    /// The members (`member_ids`) that `$1` names by id, name, Jira accountId or GitHub login,
    /// and the issue types (`type_ids`) that `$2` names by name (any case) or id.
    static let resolveFilter = StoreStatement(name: "flow_filter_resolve", sql: """
        SELECT ARRAY(SELECT member_id FROM team_members
                     WHERE member_id = ANY($1::text[]) OR name = ANY($1::text[]) OR jira_id = ANY($1::text[])
                        OR lower(github_id) = ANY(ARRAY(SELECT lower(v) FROM unnest($1::text[]) AS v))) AS member_ids,
               ARRAY(SELECT id FROM issue_types
                     WHERE lower(name) = ANY(ARRAY(SELECT lower(v) FROM unnest($2::text[]) AS v))
                        OR id::text = ANY($2::text[])) AS type_ids
        """)

    /// The issue filters on a row `alias` of `issue_flow_figures` or `issues`, which name the
    /// filter columns alike ($1 team only, $2 assignees as given, $7 the members they name, $3
    /// issue type ids, $4 sources; flow figures are Jira issues'); each is true when its
    /// parameter is NULL.
    static func issueConditions(_ alias: String, source: String = "'jira'") -> String {
        """
        (NOT $1::boolean OR \(alias).assignee_member_id IS NOT NULL)
          AND ($2::text[] IS NULL OR \(alias).assignee = ANY($2::text[]) OR \(alias).assignee_member_id = ANY($7::text[]))
          AND ($3::integer[] IS NULL OR \(alias).issue_type_id = ANY($3::integer[]))
          AND ($4::text[] IS NULL OR \(source) = ANY($4::text[]))
        """
    }

    /// The window `[$5, $6)` on `column`.
    static func window(_ column: String) -> String {
        "($5::timestamptz IS NULL OR \(column) >= $5::timestamptz) AND ($6::timestamptz IS NULL OR \(column) < $6::timestamptz)"
    }

    static let summary = StoreStatement(name: "api_flow_summary", sql: summarySQL(daySums: true))
    static let filteredSummary = StoreStatement(name: "api_flow_summary_filtered", sql: summarySQL(daySums: false))

    /// The trusted done issues' `column` in the window, in order: read from its index, which
    /// holds them sorted.
    static func ordered(_ column: String) -> String {
        """
        ARRAY(SELECT f.\(column) FROM issue_flow_figures f
              WHERE f.problems = '{}' AND f.done_at IS NOT NULL AND f.\(column) IS NOT NULL
                AND \(window("f.done_at")) AND \(issueConditions("f"))
              ORDER BY f.\(column))
        """
    }

    /// The window `[$5, $6)` on the day sums' `day` (whole UTC days).
    static let dayWindow = "($5::timestamptz IS NULL OR day >= ($5::timestamptz AT TIME ZONE 'UTC')::date) AND ($6::timestamptz IS NULL OR day < ($6::timestamptz AT TIME ZONE 'UTC')::date)"

    /// With issue filters (or a window that is not whole days), the selected done issues are read
    /// once from `issue_flow_figures` through the index that serves the filters (the planner sees
    /// which, as the parameters come with each execution): done per ISO week, the trusted ones'
    /// cycle and lead times in order, their seconds per status (looked up per issue by key:
    /// `OFFSET 0` keeps the lookup, where the planner preferred hashing the whole table for a few
    /// thousand issues). With `daySums` (no issue filter, a window of whole UTC days or none),
    /// done per week and time in status add up the day sums, and the percentiles read the trusted
    /// figures in order from their indexes: the work grows with the days and the done issues'
    /// figures, not with their status rows. Both: the untrusted issues, and WIP, the Jira issues
    /// in progress now.
    static func summarySQL(daySums: Bool) -> String {
        // Filtered: the selected done issues read once (`done`), the rest from them.
        let done = daySums ? "" : """
            done AS MATERIALIZED (
                SELECT f.issue_key, f.done_week, f.cycle_seconds, f.lead_seconds, f.problems
                FROM issue_flow_figures f
                WHERE f.done_at IS NOT NULL AND \(window("f.done_at")) AND \(issueConditions("f"))
            ),
            """
        let weeks = daySums ? """
            SELECT to_char(day, 'IYYY"-W"IW') AS done_week, sum(done)::bigint AS n
            FROM flow_done_days WHERE \(dayWindow)
            GROUP BY 1 HAVING sum(done) > 0
            """ : "SELECT done_week, count(*) AS n FROM done GROUP BY done_week"
        func sorted(_ column: String) -> String {
            daySums ? ordered(column)
                : "ARRAY(SELECT \(column) FROM done WHERE problems = '{}' AND \(column) IS NOT NULL ORDER BY \(column))"
        }
        let timeInStatus = daySums ? """
            SELECT status, sum(seconds)::float8 AS seconds, sum(issues)::bigint AS issues
            FROM flow_status_days WHERE \(dayWindow)
            GROUP BY status HAVING sum(issues) > 0
            """ : """
            SELECT s.status, sum(s.seconds)::float8 AS seconds, count(*) AS issues
            FROM done d
            CROSS JOIN LATERAL (SELECT s.status, s.seconds FROM issue_status_seconds s WHERE s.issue_key = d.issue_key OFFSET 0) s
            WHERE d.problems = '{}'
            GROUP BY s.status
            """
        return """
        WITH \(done) weeks AS MATERIALIZED (
            \(weeks)
        ), figures AS MATERIALIZED (
            SELECT (SELECT coalesce(sum(n), 0)::bigint FROM weeks) AS done,
                   \(sorted("cycle_seconds")) AS cycles,
                   \(sorted("lead_seconds")) AS leads
        )
        SELECT json_build_object(
            'percentile_method', 'nearest-rank',
            'from', \(APISQL.rfc3339("$5::timestamptz")),
            'to', \(APISQL.rfc3339("$6::timestamptz")),
            'done', figures.done,
            'cycle', \(distribution("figures.cycles")),
            'lead', \(distribution("figures.leads")),
            'throughput', (SELECT coalesce(json_object_agg(done_week, n ORDER BY done_week), '{}'::json) FROM weeks),
            'wip', (SELECT count(*) FROM issues i
                    WHERE i.source = 'jira' AND i.status_category = 'indeterminate' AND \(issueConditions("i", source: "i.source"))),
            'time_in_status', (SELECT coalesce(json_object_agg(status, json_build_object('seconds', seconds, 'issues', issues)
                                                               ORDER BY status), '{}'::json) FROM (
                \(timeInStatus)) x),
            'untrusted_count', (SELECT count(*) FROM issue_flow_figures f WHERE f.problems <> '{}' AND \(issueConditions("f"))),
            'untrusted', (SELECT coalesce(json_agg(json_build_object('issue_key', f.issue_key, 'problems', f.problems)
                                                   ORDER BY f.issue_key), '[]'::json)
                          FROM issue_flow_figures f WHERE f.problems <> '{}' AND \(issueConditions("f")))
        )::text AS body
        FROM figures
        """
    }
}
