import Postgres
import WorkSupportStore

/// The flow tables for test data inserted with plain SQL: the store's own refresh over every
/// issue, as the harvest would have run it; and the comparison with the gold views.
public enum FlowTables {
    public static func refreshEveryIssue(on connection: PostgresConnection) throws {
        let keys = try connection.query("SELECT issue_key FROM issues ORDER BY issue_key").map { try $0.get("issue_key", as: String.self) }
        try FlowFigures.markStale(issueKeys: keys, on: connection)
        try FlowFigures.refreshEveryStale(on: connection)
    }

    /// Rows where the tables (and their day sums) and the from-scratch views (with the issue
    /// columns the tables copy) disagree (each side's extra rows), as text; empty when they agree.
    public static func differencesFromTheViews(on connection: PostgresConnection) throws -> [String] {
        try connection.query("""
            WITH tables AS (
                SELECT issue_key, created_at, first_in_progress_at, done_at, done_week, cycle_seconds, lead_seconds,
                       reopen_count, problems, assignee, assignee_member_id, issue_type_id
                FROM issue_flow_figures
            ), views AS (
                SELECT f.issue_key, f.created_at, f.first_in_progress_at, f.done_at,
                       to_char(f.done_at AT TIME ZONE 'UTC', 'IYYY"-W"IW') AS done_week,
                       f.cycle_seconds::float8, f.lead_seconds::float8, f.reopen_count, f.problems,
                       i.assignee, i.assignee_member_id, i.issue_type_id
                FROM issue_flow f JOIN issues i ON i.issue_key = f.issue_key
            ), table_seconds AS (
                SELECT issue_key, status, seconds, done_at, trusted FROM issue_status_seconds
            ), view_seconds AS (
                SELECT s.issue_key, s.status, sum(s.seconds) AS seconds, f.done_at, f.problems = '{}' AS trusted
                FROM issue_status_intervals s JOIN issue_flow f ON f.issue_key = s.issue_key
                GROUP BY s.issue_key, s.status, f.done_at, f.problems
            )
            , table_days AS (
                SELECT day, done FROM flow_done_days WHERE done <> 0
            ), view_days AS (
                SELECT (done_at AT TIME ZONE 'UTC')::date AS day, count(*) AS done FROM issue_flow WHERE done_at IS NOT NULL GROUP BY 1
            ), table_status_days AS (
                SELECT day, status, seconds, issues FROM flow_status_days WHERE issues <> 0 OR seconds <> 0
            ), view_status_days AS (
                SELECT (done_at AT TIME ZONE 'UTC')::date AS day, status, sum(seconds) AS seconds, count(*) AS issues
                FROM view_seconds WHERE trusted AND done_at IS NOT NULL GROUP BY 1, 2
            )
            SELECT 'table only: ' || row(t.*)::text AS difference FROM (SELECT * FROM tables EXCEPT SELECT * FROM views) t
            UNION ALL SELECT 'view only: ' || row(v.*)::text FROM (SELECT * FROM views EXCEPT SELECT * FROM tables) v
            UNION ALL SELECT 'table seconds only: ' || row(t.*)::text FROM (SELECT * FROM table_seconds EXCEPT SELECT * FROM view_seconds) t
            UNION ALL SELECT 'view seconds only: ' || row(v.*)::text FROM (SELECT * FROM view_seconds EXCEPT SELECT * FROM table_seconds) v
            UNION ALL SELECT 'table day only: ' || row(t.*)::text FROM (SELECT * FROM table_days EXCEPT SELECT * FROM view_days) t
            UNION ALL SELECT 'view day only: ' || row(v.*)::text FROM (SELECT * FROM view_days EXCEPT SELECT * FROM table_days) v
            UNION ALL SELECT 'table status day only: ' || row(t.*)::text FROM (SELECT * FROM table_status_days EXCEPT SELECT * FROM view_status_days) t
            UNION ALL SELECT 'view status day only: ' || row(v.*)::text FROM (SELECT * FROM view_status_days EXCEPT SELECT * FROM table_status_days) v
            ORDER BY 1 LIMIT 20
            """).map { try $0.get("difference", as: String.self) }
    }
}
