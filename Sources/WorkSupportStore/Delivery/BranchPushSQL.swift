/// The statements that keep `push` ranges and chain them into a deployment's commit range.
enum BranchPushSQL {
    static let insert = StoreStatement(name: "delivery_insert_push", sql: """
        INSERT INTO branch_pushes (repo, branch, before_sha, after_sha, commits, forced, complete)
        VALUES (lower($1), $2, $3, $4, $5, $6, $7)
        ON CONFLICT DO NOTHING
        RETURNING after_sha
        """)

    /// The commits from $2 (exclusive) to $3 through a chain of complete fast-forward pushes of
    /// repo $1, the shortest chain when several lead there; no row when none does. Bounded so a
    /// long-unranged deployment costs a bounded walk (the harvest's compare covers the rest).
    static let rangeThroughPushes = StoreStatement(name: "delivery_range_through_pushes", sql: """
        WITH RECURSIVE chain (before_sha, commits, depth) AS (
            SELECT before_sha, commits, 1 FROM branch_pushes
            WHERE repo = lower($1) AND after_sha = $3 AND complete AND NOT forced
          UNION
            SELECT p.before_sha, p.commits || c.commits, c.depth + 1
            FROM chain c JOIN branch_pushes p ON p.repo = lower($1) AND p.after_sha = c.before_sha
            WHERE c.before_sha <> $2 AND c.depth < 500 AND p.complete AND NOT p.forced
        )
        SELECT commits FROM chain WHERE before_sha = $2 ORDER BY depth LIMIT 1
        """)

    /// The sha of the successful production deployment of the same repo and environment just
    /// before deployment $1 (ChangeDeploymentMapping.predecessors' order).
    static let predecessorSha = StoreStatement(name: "delivery_predecessor_sha", sql: """
        SELECT p.sha FROM deployments d
        JOIN deployments p ON p.repo = d.repo AND p.environment = d.environment AND p.is_production
             AND p.status = 'success' AND p.sha IS NOT NULL
             AND (coalesce(p.finished_at, p.created_at), p.id) < (coalesce(d.finished_at, d.created_at), d.id)
        WHERE d.id = $1
        ORDER BY coalesce(p.finished_at, p.created_at) DESC, p.id DESC LIMIT 1
        """)

    /// The latest successful production deployments of repo $1 whose range is still unknown.
    static let pendingDeployments = StoreStatement(name: "delivery_pending_deployments", sql: """
        SELECT \(DeliverySQL.deploymentColumns) FROM deployments d
        WHERE d.repo = lower($1) AND d.is_production AND d.status = 'success' AND d.changes_state = 'pending'
          AND d.sha IS NOT NULL
        ORDER BY coalesce(d.finished_at, d.created_at) DESC LIMIT 20
        """)
}
