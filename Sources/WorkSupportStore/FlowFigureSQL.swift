/// The statements of `FlowFigures` (tables of migrations 0024, 0029 and 0033): one read of what
/// the figures come from and one of the issues' shares of the day sums, then the figures, their
/// seconds per status and the changes of the day sums written in batches. The figures themselves are
/// `IssueFlow`'s (docs/flow.md); the gold views of 0020 stay the from-scratch reference the tables
/// are tested against.
enum FlowFigureSQL {
    /// Per Jira issue among `$1::text[]`: its row's columns, whether and how completely its history
    /// was fetched, and one row per status transition (none: one row with NULL transition
    /// columns), in key and history order. Columns by position, as `FlowIssueHistory.read` reads them.
    /// Per key through the indexes: `OFFSET 0` keeps each lateral subquery a lookup of that key,
    /// which the planner otherwise turned into merge joins over whole indexes.
    static let histories = StoreStatement(name: "flow_figures_histories", sql: """
        SELECT k.issue_key, i.created_at, i.assignee, i.assignee_member_id, i.issue_type_id, i.history, i.reason,
               t.changelog_id, t.changed_at, t.from_id, t.from_value, t.to_id, t.to_value, t.from_category, t.to_category
        FROM unnest($1::text[]) WITH ORDINALITY AS k(issue_key, n)
        CROSS JOIN LATERAL (
            SELECT i.created_at, i.assignee, i.assignee_member_id, i.issue_type_id,
                   CASE WHEN h.complete THEN 'complete' WHEN h.issue_key IS NOT NULL THEN 'incomplete' END AS history,
                   h.reason
            FROM issues i LEFT JOIN issue_histories h ON h.issue_key = i.issue_key
            WHERE i.issue_key = k.issue_key AND i.source = 'jira'
            OFFSET 0) i
        LEFT JOIN LATERAL (
            SELECT t.history_order, t.changelog_id, t.changed_at, t.from_id, t.from_value, t.to_id, t.to_value,
                   t.from_category, t.to_category
            FROM issue_transitions t
            WHERE t.issue_key = k.issue_key AND t.field = 'status'
            OFFSET 0) t ON true
        ORDER BY k.n, t.history_order
        """)

    /// Upserts the figures of the issues in `$2…` (a row only changes when a figure or a copied
    /// column does) and deletes those of the keys of `$1` that are not among them (no Jira issue).
    static let upsertFigures = StoreStatement(name: "flow_figures_upsert", sql: """
        WITH figures AS (
            SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::float8[],
                                 $7::float8[], $8::integer[], $9::text[], $10::text[], $11::text[], $12::integer[])
                AS g(issue_key, created_at, first_in_progress_at, done_at, cycle_seconds, lead_seconds, reopen_count,
                     problems, assignee, assignee_member_id, issue_type_id)
        ), removed AS (
            DELETE FROM issue_flow_figures f
            WHERE f.issue_key = ANY($1::text[]) AND f.issue_key <> ALL($2::text[])
        )
        INSERT INTO issue_flow_figures AS f (issue_key, created_at, first_in_progress_at, done_at, done_week,
                                             cycle_seconds, lead_seconds, reopen_count, problems, assignee,
                                             assignee_member_id, issue_type_id, refreshed_at)
        SELECT issue_key, created_at, first_in_progress_at, done_at, to_char(done_at AT TIME ZONE 'UTC', 'IYYY"-W"IW'),
               cycle_seconds, lead_seconds, reopen_count, problems::text[], assignee, assignee_member_id, issue_type_id, now()
        FROM figures
        ON CONFLICT (issue_key) DO UPDATE SET
            created_at = EXCLUDED.created_at, first_in_progress_at = EXCLUDED.first_in_progress_at,
            done_at = EXCLUDED.done_at, done_week = EXCLUDED.done_week, cycle_seconds = EXCLUDED.cycle_seconds,
            lead_seconds = EXCLUDED.lead_seconds, reopen_count = EXCLUDED.reopen_count, problems = EXCLUDED.problems,
            assignee = EXCLUDED.assignee, assignee_member_id = EXCLUDED.assignee_member_id,
            issue_type_id = EXCLUDED.issue_type_id, refreshed_at = EXCLUDED.refreshed_at
        WHERE (f.created_at, f.first_in_progress_at, f.done_at, f.cycle_seconds, f.lead_seconds, f.reopen_count, f.problems,
               f.assignee, f.assignee_member_id, f.issue_type_id)
              IS DISTINCT FROM (EXCLUDED.created_at, EXCLUDED.first_in_progress_at, EXCLUDED.done_at,
                                EXCLUDED.cycle_seconds, EXCLUDED.lead_seconds, EXCLUDED.reopen_count, EXCLUDED.problems,
                                EXCLUDED.assignee, EXCLUDED.assignee_member_id, EXCLUDED.issue_type_id)
        """)

    /// Marks `$1::text[]` (distinct, sorted) stale. An update, not DO NOTHING, when already
    /// marked: the writer holds the mark's row lock until it commits, so a refresh claiming the
    /// mark meanwhile waits and then reads the writer's rows.
    static let markStale = StoreStatement(name: "flow_figures_mark_stale", sql: """
        INSERT INTO flow_figures_stale AS s (issue_key) SELECT unnest($1::text[])
        ON CONFLICT (issue_key) DO UPDATE SET marked_at = now()
        """)

    /// Takes the marks of the stale issues among `$1::text[]`, locked in key order (the order
    /// writers mark in), and returns their keys. The keys are locked first, as an array, so that
    /// the delete is one lookup per key in the primary key whatever the table's statistics say.
    static let claimStaleAmong = StoreStatement(name: "flow_figures_claim_stale_among", sql: """
        DELETE FROM flow_figures_stale
        WHERE issue_key = ANY (ARRAY(SELECT issue_key FROM flow_figures_stale WHERE issue_key = ANY($1::text[])
                                     ORDER BY issue_key FOR UPDATE))
        RETURNING issue_key
        """)

    /// The same for the first `$1` stale issues, whichever they are.
    static let claimAnyStale = StoreStatement(name: "flow_figures_claim_any_stale", sql: """
        DELETE FROM flow_figures_stale
        WHERE issue_key = ANY (ARRAY(SELECT issue_key FROM flow_figures_stale ORDER BY issue_key LIMIT $1 FOR UPDATE))
        RETURNING issue_key
        """)

    static let clearStatusSeconds = StoreStatement(name: "flow_status_seconds_clear", sql: """
        DELETE FROM issue_status_seconds WHERE issue_key = ANY($1::text[])
        """)

    /// Seconds per status from whole milliseconds (`numeric` with three decimals, as the views
    /// sum them), with the done_at and whether its figures are trusted.
    static let insertStatusSeconds = StoreStatement(name: "flow_status_seconds_insert", sql: """
        INSERT INTO issue_status_seconds (issue_key, status, seconds, done_at, trusted)
        SELECT issue_key, status, round(milliseconds::numeric / 1000, 3), done_at, trusted
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::boolean[])
            AS s(issue_key, status, milliseconds, done_at, trusted)
        """)

    /// One writer at a time: the day sums change by what the refresh reads of the issues' rows
    /// before it replaces them, which two refreshes of one issue must not read at once. Held to
    /// the end of the transaction.
    static let lock = StoreStatement(name: "flow_refresh_lock", sql: "SELECT pg_advisory_xact_lock(\(lockKey))")
    /// 'flow' in ASCII: the key of the refresh's advisory lock.
    static let lockKey: Int64 = 0x666C_6F77

    /// The shares of `$1::text[]`'s issues in the day sums as stored: a row per done issue
    /// (status NULL) and per trusted done issue and status (its whole milliseconds). Per key,
    /// as `histories`.
    static let dayShares = StoreStatement(name: "flow_figures_day_shares", sql: """
        SELECT o.done_at, o.status, o.milliseconds
        FROM unnest($1::text[]) AS k(issue_key)
        CROSS JOIN LATERAL (
            SELECT f.done_at, NULL::text AS status, 0::bigint AS milliseconds
            FROM issue_flow_figures f
            WHERE f.issue_key = k.issue_key AND f.done_at IS NOT NULL
            UNION ALL
            SELECT s.done_at, s.status, (s.seconds * 1000)::bigint
            FROM issue_status_seconds s
            WHERE s.issue_key = k.issue_key AND s.trusted AND s.done_at IS NOT NULL
            OFFSET 0) o
        """)

    /// Adds shares (`$3` +1 or −1 times an issue, `$4` milliseconds, for the UTC day of `$1` and
    /// status `$2`, NULL: the done count) to the day sums, in day order; shares that cancel out
    /// write nothing.
    static let addDayShares = StoreStatement(name: "flow_days_add", sql: """
        WITH changes AS (
            SELECT (d.done_at AT TIME ZONE 'UTC')::date AS day, d.status, sum(d.sign)::bigint AS issues,
                   sum(d.sign * d.milliseconds) AS milliseconds
            FROM unnest($1::timestamptz[], $2::text[], $3::integer[], $4::bigint[]) AS d(done_at, status, sign, milliseconds)
            GROUP BY 1, 2
        ), done AS (
            INSERT INTO flow_done_days AS d (day, done)
            SELECT day, issues FROM changes WHERE status IS NULL AND issues <> 0 ORDER BY day
            ON CONFLICT (day) DO UPDATE SET done = d.done + EXCLUDED.done
        )
        INSERT INTO flow_status_days AS d (day, status, seconds, issues)
        SELECT day, status, round(milliseconds::numeric / 1000, 3), issues
        FROM changes WHERE status IS NOT NULL AND (issues <> 0 OR milliseconds <> 0) ORDER BY day, status
        ON CONFLICT (day, status) DO UPDATE SET seconds = d.seconds + EXCLUDED.seconds, issues = d.issues + EXCLUDED.issues
        """)
}
