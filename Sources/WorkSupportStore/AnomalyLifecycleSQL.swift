/// One statement that runs every rule and moves the `anomalies` table to the result: new findings
/// are inserted, findings still present are confirmed (last_seen, occurrences) or reopened, open
/// ones no longer found are resolved, and the run's counts go to `harvest_runs`. Parameters as
/// AnomalyRuleSQL, plus `$4` the run id (NULL outside a harvest run).
///
/// The upsert touches only detected rows and the resolve only undetected ones, so no row is
/// modified twice in the statement; `known` reads the table as it was before either.
enum AnomalyLifecycleSQL {
    static let pass = StoreStatement(name: "anomaly_pass", sql: """
        WITH detected AS MATERIALIZED (
        \(AnomalyRuleSQL.detected)
        ),
        known AS (
            SELECT d.kind, d.issue_key, a.id, a.resolved_at
            FROM detected d LEFT JOIN anomalies a ON a.kind = d.kind AND a.issue_key = d.issue_key
        ),
        upserted AS (
            INSERT INTO anomalies AS a (kind, issue_key, first_seen, last_seen, first_run_id, last_run_id, details)
            SELECT d.kind, d.issue_key, now(), now(), $4::bigint, $4::bigint, d.details FROM detected d
            ON CONFLICT (kind, issue_key) DO UPDATE SET
                last_seen = EXCLUDED.last_seen, last_run_id = EXCLUDED.last_run_id,
                occurrences = a.occurrences + 1, resolved_at = NULL, details = EXCLUDED.details
            RETURNING 1
        ),
        resolved AS (
            UPDATE anomalies a SET resolved_at = now()
            WHERE a.resolved_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM detected d WHERE d.kind = a.kind AND d.issue_key = a.issue_key)
            RETURNING 1
        ),
        counts AS (
            SELECT (SELECT count(*) FROM known WHERE id IS NULL OR resolved_at IS NOT NULL)::int AS new,
                   (SELECT count(*) FROM resolved)::int AS resolved,
                   (SELECT count(*) FROM upserted)::int AS open
        ),
        audited AS (
            UPDATE harvest_runs r SET anomalies_new = c.new, anomalies_resolved = c.resolved, anomalies_open = c.open
            FROM counts c WHERE r.id = $4::bigint
            RETURNING 1
        )
        SELECT c.new, c.resolved, c.open, (SELECT count(*) FROM audited)::int AS audited FROM counts c
        """)
}
