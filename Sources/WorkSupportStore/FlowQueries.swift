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
}

/// Flow documents read from the gold views of `migrations/0020_flow.sql` (definitions:
/// docs/flow.md), each serialized by the database in one statement.
public struct FlowQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `{"issue_key","source","history":{"complete","reason",…},"problems","transitions":[…]}`,
    /// nil when there is no such issue.
    public func transitionsJSON(key: String) throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.transitions, [key])[0].get("body") }
    }

    /// The summary over the issues `filter` selects (shape: docs/flow.md, OpenAPI `FlowSummary`).
    public func summaryJSON(_ filter: FlowFilter) throws(StoreError) -> String {
        let parameters: [any PostgresEncodable] = [
            filter.teamOnly, filter.assignees.nilIfEmpty, filter.issueTypes.nilIfEmpty,
            filter.sources.nilIfEmpty, filter.from, filter.to,
        ]
        return try storeCall { try connection.run(Self.summary, parameters)[0].get("body") }
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
            'problems', coalesce((SELECT to_json(f.problems) FROM issue_flow f WHERE f.issue_key = i.issue_key), '[]'::json),
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
        return "json_build_object('count', coalesce(cardinality(\(values)), 0), 'denominator', (SELECT count(*) FROM done), \(ranks.joined(separator: ", ")))"
    }

    /// `chosen`: the issues the filters select (WIP and the untrusted list read all of them);
    /// `done`: those done in the window; `trusted`: those of `done` without problems.
    static let summary = StoreStatement(name: "api_flow_summary", sql: """
        WITH chosen AS (
            SELECT f.issue_key, f.current_category, f.done_at, f.cycle_seconds, f.lead_seconds, f.problems
            FROM issue_flow f JOIN issues i ON i.issue_key = f.issue_key
            WHERE (NOT $1::boolean OR i.assignee_member_id IS NOT NULL)
              AND ($2::text[] IS NULL OR i.assignee = ANY($2::text[]) OR i.assignee_member_id = ANY(ARRAY(
                  SELECT member_id FROM team_members
                  WHERE member_id = ANY($2::text[]) OR name = ANY($2::text[]) OR jira_id = ANY($2::text[])
                     OR lower(github_id) = ANY(ARRAY(SELECT lower(v) FROM unnest($2::text[]) AS v)))))
              AND ($3::text[] IS NULL OR i.issue_type_id = ANY(ARRAY(
                  SELECT id FROM issue_types
                  WHERE lower(name) = ANY(ARRAY(SELECT lower(v) FROM unnest($3::text[]) AS v))
                     OR id::text = ANY($3::text[]))))
              AND ($4::text[] IS NULL OR i.source = ANY($4::text[]))
        ), done AS (
            SELECT * FROM chosen
            WHERE done_at IS NOT NULL
              AND ($5::timestamptz IS NULL OR done_at >= $5::timestamptz)
              AND ($6::timestamptz IS NULL OR done_at < $6::timestamptz)
        ), trusted AS (
            SELECT * FROM done WHERE cardinality(problems) = 0
        ), figures AS (
            SELECT array_agg(cycle_seconds::float8 ORDER BY cycle_seconds) FILTER (WHERE cycle_seconds IS NOT NULL) AS cycles,
                   array_agg(lead_seconds::float8 ORDER BY lead_seconds) FILTER (WHERE lead_seconds IS NOT NULL) AS leads
            FROM trusted
        )
        SELECT json_build_object(
            'percentile_method', 'nearest-rank',
            'from', \(APISQL.rfc3339("$5::timestamptz")),
            'to', \(APISQL.rfc3339("$6::timestamptz")),
            'done', (SELECT count(*) FROM done),
            'cycle', \(distribution("figures.cycles")),
            'lead', \(distribution("figures.leads")),
            'throughput', (SELECT coalesce(json_object_agg(week, n ORDER BY week), '{}'::json) FROM (
                SELECT to_char(done_at AT TIME ZONE 'UTC', 'IYYY"-W"IW') AS week, count(*) AS n FROM done GROUP BY 1) w),
            'wip', (SELECT count(*) FROM chosen WHERE current_category = 'indeterminate'),
            'time_in_status', (SELECT coalesce(json_object_agg(status, json_build_object('seconds', seconds, 'issues', issues)
                                                               ORDER BY status), '{}'::json) FROM (
                SELECT s.status, sum(s.seconds)::float8 AS seconds, count(DISTINCT s.issue_key) AS issues
                FROM issue_status_intervals s JOIN trusted t ON t.issue_key = s.issue_key
                GROUP BY s.status) x),
            'untrusted_count', (SELECT count(*) FROM chosen WHERE cardinality(problems) > 0),
            'untrusted', (SELECT coalesce(json_agg(json_build_object('issue_key', issue_key, 'problems', problems)
                                                   ORDER BY issue_key), '[]'::json)
                          FROM chosen WHERE cardinality(problems) > 0)
        )::text AS body
        FROM figures
        """)
}
