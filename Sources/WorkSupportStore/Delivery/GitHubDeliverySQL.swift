/// The statements that write GitHub deployments, statuses, changes and commit ranges.
enum GitHubDeliverySQL {
    static let insertStatus = StoreStatement(name: "delivery_insert_status", sql: """
        INSERT INTO deployment_statuses (source, deployment_external_id, status_id, state, created_at, raw)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb)
        ON CONFLICT (source, deployment_external_id, status_id) DO NOTHING
        """)

    static let statuses = StoreStatement(name: "delivery_statuses", sql: """
        SELECT status_id, state, created_at FROM deployment_statuses
        WHERE source = $1 AND deployment_external_id = $2
        """)

    /// Refolds a stored deployment's result from its statuses; no row when nothing changed.
    static let updateResult = StoreStatement(name: "delivery_update_result", sql: """
        UPDATE deployments d SET status = $3, finished_at = $4, updated_at = now()
        WHERE source = $1 AND external_id = $2 AND (status, finished_at) IS DISTINCT FROM ($3::text, $4::timestamptz)
        RETURNING \(DeliverySQL.deploymentColumns)
        """)

    static let upsertChange = StoreStatement(name: "delivery_upsert_change", sql: """
        INSERT INTO changes AS c (change_key, repo, number, author, title, head_ref, labels, first_commit_at, opened_at,
                                  first_review_at, merged_at, merge_sha, raw)
        VALUES ($1, lower($2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
        ON CONFLICT (change_key) DO UPDATE SET
            repo = EXCLUDED.repo, number = EXCLUDED.number, author = EXCLUDED.author, title = EXCLUDED.title,
            head_ref = EXCLUDED.head_ref, labels = EXCLUDED.labels,
            first_commit_at = coalesce(EXCLUDED.first_commit_at, c.first_commit_at),
            opened_at = coalesce(EXCLUDED.opened_at, c.opened_at),
            first_review_at = coalesce(EXCLUDED.first_review_at, c.first_review_at),
            merged_at = EXCLUDED.merged_at, merge_sha = EXCLUDED.merge_sha, raw = EXCLUDED.raw, updated_at = now()
        WHERE (c.author, c.title, c.head_ref, c.labels, c.opened_at, c.merged_at, c.merge_sha)
              IS DISTINCT FROM (EXCLUDED.author, EXCLUDED.title, EXCLUDED.head_ref, EXCLUDED.labels,
                                coalesce(EXCLUDED.opened_at, c.opened_at), EXCLUDED.merged_at, EXCLUDED.merge_sha)
           OR (EXCLUDED.first_commit_at IS NOT NULL AND c.first_commit_at IS DISTINCT FROM EXCLUDED.first_commit_at)
           OR (EXCLUDED.first_review_at IS NOT NULL AND c.first_review_at IS DISTINCT FROM EXCLUDED.first_review_at)
        RETURNING change_key
        """)

    static let setRange = StoreStatement(name: "delivery_set_range", sql: """
        UPDATE deployments SET changes_state = $2, changes_note = $3 WHERE id = $1
        """)

    static let addCommits = StoreStatement(name: "delivery_add_commits", sql: """
        INSERT INTO deployment_commits (deployment_id, sha) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING
        """)

    /// The changes whose merge commit lies in deployment $1's range.
    static let changesOfDeployment = StoreStatement(name: "delivery_changes_of_deployment", sql: """
        SELECT c.change_key FROM deployment_commits dc JOIN changes c ON c.merge_sha = dc.sha WHERE dc.deployment_id = $1
        """)

    static let change = StoreStatement(name: "delivery_change", sql: """
        SELECT change_key, repo, merged_at, merge_sha FROM changes WHERE change_key = $1
        """)

    /// Deployments whose range holds the commit $1.
    static let deploymentsHolding = StoreStatement(name: "delivery_deployments_holding", sql: """
        SELECT \(DeliverySQL.deploymentColumns)
        FROM deployment_commits dc JOIN deployments d ON d.id = dc.deployment_id
        WHERE dc.sha = $1
        """)

    static let mapChange = StoreStatement(name: "delivery_map_change", sql: """
        INSERT INTO deployment_changes (deployment_id, change_key) VALUES ($1, $2)
        ON CONFLICT (change_key) DO UPDATE SET deployment_id = EXCLUDED.deployment_id
        WHERE deployment_changes.deployment_id <> EXCLUDED.deployment_id
        """)

    static let unmapChange = StoreStatement(name: "delivery_unmap_change", sql: """
        DELETE FROM deployment_changes WHERE change_key = $1
        """)

    /// Successful production deployments of one repo and environment, for compare planning.
    static let productionHistory = StoreStatement(name: "delivery_production_history", sql: """
        SELECT \(DeliverySQL.deploymentColumns)
        FROM deployments d
        WHERE d.repo = lower($1) AND d.environment = $2 AND d.is_production AND d.status = 'success'
        """)

    static let productionEnvironments = StoreStatement(name: "delivery_production_environments", sql: """
        SELECT DISTINCT environment FROM deployments WHERE repo = lower($1) AND is_production ORDER BY 1
        """)

    /// Whether anything of `$1` was harvested or delivered before: a repository new to
    /// `github.repos` is backfilled, not read from the previous run's start.
    static let repoKnown = StoreStatement(name: "delivery_repo_known", sql: """
        SELECT EXISTS (SELECT 1 FROM deployments WHERE repo = lower($1))
            OR EXISTS (SELECT 1 FROM changes WHERE repo = lower($1)) AS known
        """)
}
