/// The one computation of `issue_flow_figures` and `issue_status_seconds` (migration 0024) for
/// some issues, from their transitions, history marks and issue rows: the definitions of
/// docs/flow.md, as the gold views of 0020 compute them for every issue at once. Those views stay
/// the from-scratch reference the tables are tested against.
enum FlowFigureSQL {
    /// The status rows of `$1::text[]`'s issues in history order, with the step before each and
    /// the order of the last entry into a status that is not done (the done stretch follows it).
    private static let steps = """
        keys AS (
            SELECT DISTINCT k AS issue_key FROM unnest($1::text[]) AS k
        ), steps AS (
            SELECT t.issue_key, t.history_order, t.changed_at, t.from_id, t.from_value, t.to_id, t.to_value,
                   t.from_category, t.to_category,
                   lag(t.to_id) OVER w AS previous_to_id,
                   lag(t.to_value) OVER w AS previous_to_value,
                   lag(t.changed_at) OVER w AS previous_changed_at,
                   row_number() OVER w AS step,
                   max(t.history_order) FILTER (WHERE t.to_category IS DISTINCT FROM 'done')
                       OVER (PARTITION BY t.issue_key) AS last_not_done
            FROM issue_transitions t JOIN keys k ON k.issue_key = t.issue_key
            WHERE t.field = 'status'
            WINDOW w AS (PARTITION BY t.issue_key ORDER BY t.history_order)
        )
        """

    /// Upserts the figures of `$1`'s Jira issues (a row only changes when a figure does) and
    /// deletes those of keys that are no Jira issue.
    static let refreshFigures = StoreStatement(name: "flow_figures_refresh", sql: """
        WITH \(steps), per_issue AS (
            SELECT s.issue_key,
                   (array_agg(s.changed_at ORDER BY s.history_order) FILTER (WHERE s.to_category = 'indeterminate'))[1]
                       AS first_in_progress_at,
                   (array_agg(s.changed_at ORDER BY s.history_order)
                       FILTER (WHERE s.history_order > coalesce(s.last_not_done, -1)))[1] AS done_at,
                   count(*) FILTER (WHERE s.from_category = 'done' AND s.to_category IS DISTINCT FROM 'done') AS reopen_count,
                   bool_or(s.from_category = 'unknown' OR s.to_category = 'unknown') AS unknown_status,
                   bool_or(s.step > 1 AND CASE WHEN s.from_id IS NOT NULL AND s.previous_to_id IS NOT NULL
                                               THEN s.from_id <> s.previous_to_id
                                               ELSE s.from_value IS DISTINCT FROM s.previous_to_value END) AS unknown_from_status
            FROM steps s
            GROUP BY s.issue_key
        ), figures AS (
            SELECT i.issue_key, i.created_at, d.first_in_progress_at, d.done_at,
                   to_char(d.done_at AT TIME ZONE 'UTC', 'IYYY"-W"IW') AS done_week,
                   round(extract(epoch FROM d.done_at - d.first_in_progress_at), 3)::float8 AS cycle_seconds,
                   round(extract(epoch FROM d.done_at - i.created_at), 3)::float8 AS lead_seconds,
                   coalesce(d.reopen_count, 0)::integer AS reopen_count,
                   array_remove(ARRAY[
                       CASE WHEN d.done_at < i.created_at THEN 'done_before_created' END,
                       CASE WHEN d.done_at < d.first_in_progress_at THEN 'done_before_started' END,
                       CASE WHEN h.issue_key IS NULL THEN 'history_missing' END,
                       CASE WHEN NOT h.complete THEN 'history_incomplete' END,
                       CASE WHEN d.unknown_from_status THEN 'unknown_from_status' END,
                       CASE WHEN d.unknown_status THEN 'unknown_status' END
                   ], NULL) AS problems
            FROM keys k
            JOIN issues i ON i.issue_key = k.issue_key AND i.source = 'jira'
            LEFT JOIN per_issue d ON d.issue_key = i.issue_key
            LEFT JOIN issue_histories h ON h.issue_key = i.issue_key
        ), removed AS (
            DELETE FROM issue_flow_figures f USING keys k
            WHERE f.issue_key = k.issue_key AND NOT EXISTS (SELECT 1 FROM figures g WHERE g.issue_key = f.issue_key)
        )
        INSERT INTO issue_flow_figures AS f (issue_key, created_at, first_in_progress_at, done_at, done_week,
                                             cycle_seconds, lead_seconds, reopen_count, problems, refreshed_at)
        SELECT issue_key, created_at, first_in_progress_at, done_at, done_week, cycle_seconds, lead_seconds,
               reopen_count, problems, now()
        FROM figures ORDER BY issue_key
        ON CONFLICT (issue_key) DO UPDATE SET
            created_at = EXCLUDED.created_at, first_in_progress_at = EXCLUDED.first_in_progress_at,
            done_at = EXCLUDED.done_at, done_week = EXCLUDED.done_week, cycle_seconds = EXCLUDED.cycle_seconds,
            lead_seconds = EXCLUDED.lead_seconds, reopen_count = EXCLUDED.reopen_count, problems = EXCLUDED.problems,
            refreshed_at = EXCLUDED.refreshed_at
        WHERE (f.created_at, f.first_in_progress_at, f.done_at, f.cycle_seconds, f.lead_seconds, f.reopen_count, f.problems)
              IS DISTINCT FROM (EXCLUDED.created_at, EXCLUDED.first_in_progress_at, EXCLUDED.done_at,
                                EXCLUDED.cycle_seconds, EXCLUDED.lead_seconds, EXCLUDED.reopen_count, EXCLUDED.problems)
        """)

    /// Replaces the seconds per status of `$1`'s Jira issues (after `refreshFigures`, whose
    /// done_at and problems they carry): creation → first change in the first change's `from`
    /// status, then change → change in the status entered; every visit counts.
    static let clearStatusSeconds = StoreStatement(name: "flow_status_seconds_clear", sql: """
        DELETE FROM issue_status_seconds WHERE issue_key = ANY($1::text[])
        """)

    static let insertStatusSeconds = StoreStatement(name: "flow_status_seconds_insert", sql: """
        WITH \(steps), intervals AS (
            SELECT s.issue_key,
                   CASE WHEN s.step = 1 THEN coalesce(s.from_value, s.from_id)
                        ELSE coalesce(s.previous_to_value, s.previous_to_id) END AS status,
                   round(extract(epoch FROM s.changed_at - CASE WHEN s.step = 1 THEN i.created_at
                                                                ELSE s.previous_changed_at END), 3) AS seconds
            FROM steps s JOIN issues i ON i.issue_key = s.issue_key
            WHERE CASE WHEN s.step = 1 THEN i.created_at IS NOT NULL AND coalesce(s.from_value, s.from_id) IS NOT NULL
                       ELSE coalesce(s.previous_to_value, s.previous_to_id) IS NOT NULL END
        )
        INSERT INTO issue_status_seconds (issue_key, status, seconds, done_at, trusted)
        SELECT v.issue_key, v.status, sum(v.seconds), f.done_at, f.problems = '{}'
        FROM intervals v JOIN issue_flow_figures f ON f.issue_key = v.issue_key
        GROUP BY v.issue_key, v.status, f.done_at, f.problems
        ORDER BY v.issue_key, v.status
        """)

    /// One writer at a time: the day sums change by deltas read from the per-issue rows, which
    /// two refreshes of the same day must not read at once. Held to the end of the transaction.
    static let lock = StoreStatement(name: "flow_refresh_lock", sql: "SELECT pg_advisory_xact_lock(\(lockKey))")
    /// 'flow' in ASCII: the key of the refresh's advisory lock.
    static let lockKey: Int64 = 0x666C_6F77

    /// Adds `$2` (−1 before the per-issue rows change, +1 after) times the contribution of `$1`'s
    /// issues to the day sums, in day order.
    static let applyToDays = StoreStatement(name: "flow_days_apply", sql: """
        WITH keys AS (
            SELECT DISTINCT k AS issue_key FROM unnest($1::text[]) AS k
        ), done AS (
            INSERT INTO flow_done_days AS d (day, done)
            SELECT (f.done_at AT TIME ZONE 'UTC')::date, $2::integer * count(*)
            FROM issue_flow_figures f JOIN keys k ON k.issue_key = f.issue_key
            WHERE f.done_at IS NOT NULL
            GROUP BY 1 ORDER BY 1
            ON CONFLICT (day) DO UPDATE SET done = d.done + EXCLUDED.done
        )
        INSERT INTO flow_status_days AS d (day, status, seconds, issues)
        SELECT (s.done_at AT TIME ZONE 'UTC')::date, s.status, $2::integer * sum(s.seconds), $2::integer * count(*)
        FROM issue_status_seconds s JOIN keys k ON k.issue_key = s.issue_key
        WHERE s.trusted AND s.done_at IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (day, status) DO UPDATE SET seconds = d.seconds + EXCLUDED.seconds, issues = d.issues + EXCLUDED.issues
        """)
}
