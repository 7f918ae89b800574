/// Statements of the run audit (`harvest_runs`, `harvest_errors`).
enum HarvestRunSQL {
    static let start = """
        INSERT INTO harvest_runs (kind, trigger, full_reload, host, pid)
        VALUES ($1, $2, $3, $4, $5) RETURNING id
        """

    static let heartbeat = "UPDATE harvest_runs SET heartbeat_at = now() WHERE id = $1 AND status = 'running'"

    static let recordError = """
        INSERT INTO harvest_errors (run_id, source, item_key, reason, http_status, attempts)
        VALUES ($1, $2, $3, $4, $5, $6)
        """

    static let finish = """
        UPDATE harvest_runs SET status = $2, finished_at = greatest(now(), started_at), heartbeat_at = now(),
            fetched = $3, inserted = $4, updated = $5, unchanged = $6, deleted = $7, failed = $8,
            cursors = $9::jsonb, error_message = $10
        WHERE id = $1
        """

    /// The newest cursor of runs that completed, or ended partial with that source's cursor set
    /// (the harvester sets a source's cursor only when that source had no failures).
    static let lastCursor = """
        SELECT (cursors ->> $1)::timestamptz AS cursor FROM harvest_runs
        WHERE status IN ('completed', 'partial') AND cursors ? $1
        ORDER BY finished_at DESC, id DESC LIMIT 1
        """

    /// Finished runs older than the cutoff; their errors go with them (ON DELETE CASCADE), and
    /// issues last written by them forget the run (`issues.last_run_id` has no foreign key, see
    /// migration 0012). Returns the number of runs deleted as `pruned`.
    static let prune = """
        WITH pruned AS (
            DELETE FROM harvest_runs WHERE status <> 'running' AND started_at < $1::timestamptz RETURNING id
        ), cleared AS (
            UPDATE issues SET last_run_id = NULL WHERE last_run_id IN (SELECT id FROM pruned)
        )
        SELECT count(*)::bigint AS pruned FROM pruned
        """

    static let runningRuns = """
        SELECT id, host, pid, heartbeat_at, heartbeat_at < now() - make_interval(secs => $1) AS stale
        FROM harvest_runs WHERE status = 'running' ORDER BY id
        """

    static let failRuns = """
        UPDATE harvest_runs SET status = 'failed', error_message = $2, finished_at = greatest(now(), started_at)
        WHERE id = ANY($1::bigint[]) AND status = 'running'
        """

    static let dropStaging = "DELETE FROM issues_staging WHERE run_id = ANY($1::bigint[])"

    static let failReloadsOfRuns = """
        UPDATE reload_requests SET status = 'failed', completed_at = now(), error_message = $2
        WHERE run_id = ANY($1::bigint[]) AND status = 'running'
        """
}
