/// The statements of the delivery tables (`deployments`, `changes`, `incidents` and their links).
enum DeliverySQL {
    static let deploymentColumns = """
        d.id, d.repo, d.environment, d.is_production, d.sha, d.ref, d.status, d.created_at, d.finished_at,
        d.changes_state, d.changes_note
        """

    /// Inserts or updates a deployment; no row back when nothing differs (a repeated body).
    static let upsertDeployment = StoreStatement(name: "delivery_upsert_deployment", sql: """
        INSERT INTO deployments AS d (source, external_id, repo, environment, is_production, sha, ref, status,
                                      created_at, finished_at, raw)
        VALUES ($1, $2, lower($3), $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
        ON CONFLICT (source, external_id) DO UPDATE SET
            repo = EXCLUDED.repo, environment = EXCLUDED.environment, is_production = EXCLUDED.is_production,
            sha = EXCLUDED.sha, ref = EXCLUDED.ref, status = EXCLUDED.status, created_at = EXCLUDED.created_at,
            finished_at = EXCLUDED.finished_at, raw = EXCLUDED.raw, updated_at = now()
        WHERE (d.repo, d.environment, d.is_production, d.sha, d.ref, d.status, d.created_at, d.finished_at, d.raw)
              IS DISTINCT FROM (EXCLUDED.repo, EXCLUDED.environment, EXCLUDED.is_production, EXCLUDED.sha, EXCLUDED.ref,
                                EXCLUDED.status, EXCLUDED.created_at, EXCLUDED.finished_at, EXCLUDED.raw)
        RETURNING \(deploymentColumns)
        """)

    static let upsertIncident = StoreStatement(name: "delivery_upsert_incident", sql: """
        INSERT INTO incidents AS i (source, external_id, title, repo, environment, created_at, resolved_at,
                                    ref_deployment, ref_sha, ref_change, raw)
        VALUES ($1, $2, $3, lower($4), $5, $6, $7, $8, $9, $10, $11::jsonb)
        ON CONFLICT (source, external_id) DO UPDATE SET
            title = EXCLUDED.title, repo = EXCLUDED.repo, environment = EXCLUDED.environment,
            created_at = EXCLUDED.created_at, resolved_at = EXCLUDED.resolved_at,
            ref_deployment = EXCLUDED.ref_deployment, ref_sha = EXCLUDED.ref_sha, ref_change = EXCLUDED.ref_change,
            raw = EXCLUDED.raw, updated_at = now()
        WHERE (i.title, i.repo, i.environment, i.created_at, i.resolved_at, i.ref_deployment, i.ref_sha, i.ref_change, i.raw)
              IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.repo, EXCLUDED.environment, EXCLUDED.created_at,
                                EXCLUDED.resolved_at, EXCLUDED.ref_deployment, EXCLUDED.ref_sha, EXCLUDED.ref_change, EXCLUDED.raw)
        RETURNING i.id
        """)

    static let incident = StoreStatement(name: "delivery_incident", sql: """
        SELECT id, source, repo, environment, created_at, resolved_at, deployment_id, link_method,
               ref_deployment, ref_sha, ref_change
        FROM incidents WHERE id = $1
        """)

    /// Deployments an incident's references resolve to: by external id, by sha (deployed, or in
    /// a deployment's range), or by a change the deployment shipped.
    static let referencedDeployments = StoreStatement(name: "delivery_referenced_deployments", sql: """
        SELECT \(deploymentColumns), d.source
        FROM deployments d
        WHERE ($1::text IS NOT NULL AND d.external_id = $1)
           OR ($2::text IS NOT NULL AND (d.sha = $2 OR d.id IN (SELECT deployment_id FROM deployment_commits WHERE sha = $2)))
           OR ($3::text IS NOT NULL AND d.id IN (SELECT deployment_id FROM deployment_changes WHERE change_key = $3))
        """)

    /// Successful production deployments of a repo counting within [$2, $3].
    static let recentDeployments = StoreStatement(name: "delivery_recent_deployments", sql: """
        SELECT \(deploymentColumns)
        FROM deployments d
        WHERE d.repo = lower($1) AND d.is_production AND d.status = 'success'
          AND coalesce(d.finished_at, d.created_at) BETWEEN $2 AND $3
        """)

    static let linkIncident = StoreStatement(name: "delivery_link_incident", sql: """
        UPDATE incidents SET deployment_id = $2, link_method = $3
        WHERE id = $1 AND (deployment_id, link_method) IS DISTINCT FROM ($2::bigint, $3::text)
        """)

    /// Incidents whose link may change when deployment $4 (sha $5, external id $6) is written:
    /// those of its repo within the window after it, and those naming it.
    static let incidentsNear = StoreStatement(name: "delivery_incidents_near", sql: """
        SELECT id FROM incidents
        WHERE (repo = lower($1) AND created_at BETWEEN $2 AND $3)
           OR deployment_id = $4 OR ($5::text IS NOT NULL AND ref_sha = $5) OR ref_deployment = $6
        ORDER BY id
        """)
}
