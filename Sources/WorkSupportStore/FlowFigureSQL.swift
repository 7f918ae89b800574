/// The statements of `FlowFigures.refresh` (tables of migrations 0024 and 0029): one read of what
/// the figures come from, then the figures written in batches. The figures themselves are
/// `IssueFlow`'s (docs/flow.md); the gold views of 0020 stay the from-scratch reference the tables
/// are tested against.
enum FlowFigureSQL {
    /// Per Jira issue among `$1::text[]`: its row's columns, whether and how completely its history
    /// was fetched, and one row per status transition (none: one row with NULL transition
    /// columns), in key and history order. Columns by position, as `FlowIssueHistory.read` reads them.
    static let histories = StoreStatement(name: "flow_figures_histories", sql: """
        SELECT i.issue_key, i.created_at, i.assignee, i.assignee_member_id, i.issue_type_id,
               CASE WHEN h.complete THEN 'complete' WHEN h.issue_key IS NOT NULL THEN 'incomplete' END AS history,
               h.reason,
               t.changelog_id, t.changed_at, t.from_id, t.from_value, t.to_id, t.to_value, t.from_category, t.to_category
        FROM issues i
        LEFT JOIN issue_histories h ON h.issue_key = i.issue_key
        LEFT JOIN issue_transitions t ON t.issue_key = i.issue_key AND t.field = 'status'
        WHERE i.issue_key = ANY($1::text[]) AND i.source = 'jira'
        ORDER BY i.issue_key, t.history_order
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
}
