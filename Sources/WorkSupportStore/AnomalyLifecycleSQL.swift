/// One statement that runs every rule and moves the `anomalies` table to the result: new findings
/// are inserted, findings still present are confirmed (last_seen, occurrences) or reopened, open
/// ones no longer found are resolved, and the run's counts go to `harvest_runs`. Parameters as
/// AnomalyRuleSQL, plus `$4` the run id (NULL outside a harvest run).
///
/// The upsert touches only detected rows and the resolve only undetected ones, so no row is
/// modified twice in the statement; `known` reads the table as it was before either. A pass
/// outside a run (after a webhook delivery) keeps `last_run_id`: the last run that saw it.
enum AnomalyLifecycleSQL {
    /// Over the whole table, after release membership (ReleaseMembershipSQL's full pass).
    static let pass = StoreStatement(name: "anomaly_pass", sql: statement(scope: .everything))

    /// After a webhook delivery: `$5` the keys it wrote (inserted, updated or deleted); `$6` and
    /// `$7` the parents and epics, and the linked keys, of those issues before the write
    /// (`neighbourKeys`); `$8` the planner settings to restore (`nestedLoopPlans`). Brings the
    /// memberships of the touched issues and their inheriting descendants up to date, then runs
    /// the rules and the lifecycle for the touched issues and their neighbours before and after:
    /// findings of other issues are left as they are.
    static let scopedPass = StoreStatement(name: "anomaly_pass_scoped", sql: statement(scope: .scopeIssues, prefix: """
        touched AS (SELECT DISTINCT unnest($5::text[]) AS issue_key),
        anomaly_scope AS MATERIALIZED (
            SELECT issue_key FROM touched
            UNION SELECT unnest($6::text[])
            UNION SELECT o.issue_key FROM issues o WHERE o.linked_key = ANY($7::text[])
            UNION SELECT issue_key FROM (\(neighbours)) n WHERE issue_key IS NOT NULL
        ),
        scope_issues AS MATERIALIZED (
            SELECT i.* FROM issues i WHERE i.issue_key = ANY (ARRAY(SELECT issue_key FROM anomaly_scope))
        ),
        \(ReleaseMembershipSQL.scopedCTEs)
        """, result: """
            set_config('plan_cache_mode', ($8::text[])[1], true) || set_config('enable_hashjoin', ($8::text[])[2], true)
                || set_config('enable_mergejoin', ($8::text[])[3], true) || set_config('jit', ($8::text[])[4], true)
                AS restored
            """))

    /// Before a webhook delivery's write: takes the pass lock shared (see AnomalyPass.lockKey)
    /// and reads what the write may change: the parent, epic and linked keys of `$1`'s issues (a
    /// deleted issue's parent may lose its last child; the other holders of a linked key it drops
    /// may stop being duplicates). One row even when no issue exists yet (all NULL then).
    static let neighbourKeys = StoreStatement(name: "anomaly_neighbours", sql: """
        SELECT i.parent_key, i.epic_key, i.linked_key
        FROM (SELECT pg_advisory_xact_lock_shared($2::bigint)) l LEFT JOIN issues i ON i.issue_key = ANY($1::text[])
        """)

    /// Right before `scopedPass`: generic plans with nested loops only, for the transaction (the
    /// pass restores the returned `previous` settings). Planned for each execution, the scoped
    /// statement spent milliseconds in the planner: its custom plans know the key arrays' lengths
    /// and so always looked cheaper than the generic one. Generic plans guess those lengths and
    /// the sizes of its recursive CTEs, and with hash joins then read whole tables; with nested
    /// loops every step starts from the few scoped rows and follows an index. Where a CTE of keys
    /// meets a large table, the statement says `= ANY (ARRAY(…))`: an index scan whatever the
    /// guess (a join there was once planned as a scan of all 100k memberships). Those guesses also
    /// put the plan's cost above `jit_above_cost`, and JIT compiling it took longer than the run.
    static let nestedLoopPlans = StoreStatement(name: "anomaly_nested_loop_plans", sql: """
        WITH previous AS MATERIALIZED (
            SELECT ARRAY[current_setting('plan_cache_mode'), current_setting('enable_hashjoin'),
                         current_setting('enable_mergejoin'), current_setting('jit')] AS settings
        )
        SELECT p.settings AS previous,
               set_config('plan_cache_mode', 'force_generic_plan', true) || set_config('enable_hashjoin', 'off', true)
                   || set_config('enable_mergejoin', 'off', true) || set_config('jit', 'off', true) AS applied
        FROM previous p
        """)

    /// `issue_key` of the issues whose findings depend on the rows of the issues in
    /// `touched(issue_key)`: their parent and epic (epic_without_children), their children
    /// (orphan_parent, type_hierarchy_violation) and the other items linking the same key
    /// (duplicate_github_link). NULL where a touched issue has no parent or epic.
    static let neighbours = """
        SELECT unnest(ARRAY[i.parent_key, i.epic_key]) AS issue_key FROM touched t JOIN issues i ON i.issue_key = t.issue_key
        UNION ALL SELECT c.issue_key FROM touched t JOIN issues c ON c.parent_key = t.issue_key
        UNION ALL SELECT c.issue_key FROM touched t JOIN issues c ON c.epic_key = t.issue_key
        UNION ALL SELECT o.issue_key FROM touched t JOIN issues i ON i.issue_key = t.issue_key
                  JOIN issues o ON o.linked_key = i.linked_key AND o.issue_key <> i.issue_key
        """

    /// The rules and the lifecycle within `scope`; `prefix` holds the CTEs that define the scope
    /// (each ending in a comma); `result` more columns of the result row.
    static func statement(scope: AnomalyRuleSQL.Scope, prefix: String = "", result: String = "") -> String { """
        WITH RECURSIVE
        \(prefix)
        detected AS MATERIALIZED (
        \(AnomalyRuleSQL.detected(scope))
        ),
        known AS (
            SELECT d.kind, d.issue_key, a.id, a.resolved_at
            FROM detected d LEFT JOIN anomalies a ON a.kind = d.kind AND a.issue_key = d.issue_key
        ),
        upserted AS (
            INSERT INTO anomalies AS a (kind, issue_key, first_seen, last_seen, first_run_id, last_run_id, details)
            SELECT d.kind, d.issue_key, now(), now(), $4::bigint, $4::bigint, d.details FROM detected d
            ON CONFLICT (kind, issue_key) DO UPDATE SET
                last_seen = EXCLUDED.last_seen, last_run_id = coalesce(EXCLUDED.last_run_id, a.last_run_id),
                occurrences = a.occurrences + 1, resolved_at = NULL, details = EXCLUDED.details,
                \(AnomalyTriageSQL.acknowledgementEnds)
            RETURNING 1
        ),
        resolved AS (
            UPDATE anomalies a SET resolved_at = now()
            WHERE a.resolved_at IS NULL \(scope.restrict("a"))
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
        SELECT c.new, c.resolved, c.open, (SELECT count(*) FROM audited)::int AS audited\(result.isEmpty ? "" : ", " + result)
        FROM counts c
        """ }
}
