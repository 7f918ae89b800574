import FoundationEssentials
import Postgres
import WorkSupportCore

/// Reads what the metrics are computed from, on the read connection (one repeatable-read
/// snapshot, nothing written), and the delivery lists of the API.
public struct DoraQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The scope's deployments counting from the window's start on (later ones are the
    /// recoveries of failures inside it), the changes they shipped and the incidents that bear on them.
    public func inputs(_ scope: DoraScope) throws(StoreError) -> (deployments: [Deployment], changes: [Change], incidents: [Incident]) {
        let parameters: [any PostgresEncodable] = [scope.repo, scope.environment, scope.from, scope.to]
        return try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                let deployments = try connection.run(Self.deployments, Array(parameters.prefix(3))).map { try Deployment(row: $0) }
                let changes = try connection.run(Self.changes, parameters).map { row in
                    Change(key: try row.get("change_key"), repo: try row.get("repo"), author: try row.get("author"),
                           title: try row.get("title"), headRef: try row.get("head_ref"), labels: try row.get("labels"),
                           firstCommitAt: try row.get("first_commit_at"), openedAt: try row.get("opened_at"),
                           firstReviewAt: try row.get("first_review_at"), mergedAt: try row.get("merged_at"),
                           mergeSha: try row.get("merge_sha"), deploymentID: try row.get("deployment_id"))
                }
                let incidents = try connection.run(Self.incidents, parameters).map { row in
                    Incident(id: try row.get("id"), repo: try row.get("repo"), environment: try row.get("environment"),
                             createdAt: try row.get("created_at"), resolvedAt: try row.get("resolved_at"),
                             deploymentID: try row.get("deployment_id"),
                             linkMethod: (try row.get("link_method") as String?).flatMap(IncidentLinkMethod.init))
                }
                return (deployments, changes, incidents)
            }
        }
    }

    /// `$1` repo, `$2` environment (nil: production), `$3`/`$4` the window.
    static let scopedDeployments = """
        SELECT \(DeliverySQL.deploymentColumns)
        FROM deployments d
        WHERE ($1::text IS NULL OR d.repo = lower($1))
          AND (CASE WHEN $2::text IS NULL THEN d.is_production ELSE lower(d.environment) = lower($2) END)
          AND coalesce(d.finished_at, d.created_at) >= $3::timestamptz
        """

    static let deployments = StoreStatement(name: "dora_deployments", sql: scopedDeployments)

    static let changes = StoreStatement(name: "dora_changes", sql: """
        WITH scoped AS (\(scopedDeployments) AND coalesce(d.finished_at, d.created_at) < $4::timestamptz)
        SELECT c.change_key, c.repo, c.author, c.title, c.head_ref, c.labels, c.first_commit_at, c.opened_at,
               c.first_review_at, c.merged_at, c.merge_sha, dc.deployment_id
        FROM scoped s
        JOIN deployment_changes dc ON dc.deployment_id = s.id
        JOIN changes c ON c.change_key = dc.change_key
        """)

    static let incidents = StoreStatement(name: "dora_incidents", sql: """
        WITH scoped AS (\(scopedDeployments) AND coalesce(d.finished_at, d.created_at) < $4::timestamptz)
        SELECT i.id, i.repo, i.environment, i.created_at, i.resolved_at, i.deployment_id, i.link_method
        FROM incidents i JOIN scoped s ON s.id = i.deployment_id
        UNION ALL
        SELECT i.id, i.repo, i.environment, i.created_at, i.resolved_at, i.deployment_id, i.link_method
        FROM incidents i
        WHERE i.deployment_id IS NULL AND i.created_at >= $3 AND i.created_at < $4
          AND ($1::text IS NULL OR i.repo = lower($1))
          AND ($2::text IS NULL OR i.environment IS NULL OR lower(i.environment) = lower($2))
        """)
}

extension DoraQueries {
    /// The repositories and environments deployments were made to, for the dashboard's filters.
    public func scopeChoices() throws(StoreError) -> (repos: [String], environments: [String]) {
        try storeCall {
            (try connection.run(Self.repos).map { try $0.get("repo") },
             try connection.run(Self.environments).map { try $0.get("environment") })
        }
    }

    static let repos = StoreStatement(name: "dora_repos", sql: """
        SELECT DISTINCT repo FROM deployments ORDER BY 1 LIMIT 500
        """)

    static let environments = StoreStatement(name: "dora_environments", sql: """
        SELECT DISTINCT environment FROM deployments ORDER BY 1 LIMIT 100
        """)
}
