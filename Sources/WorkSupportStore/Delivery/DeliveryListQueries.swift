import FoundationEssentials
import Postgres

/// `GET /api/deployments`, `/api/incidents` and `/api/changes`: each one JSON document built by
/// the database, newest first, with the count of every match.
public struct DeliveryListQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `status`: a deployment status; nil: all.
    public func deploymentsJSON(_ scope: DoraScope, status: String?, limit: Int) throws(StoreError) -> String {
        try storeCall {
            try connection.run(Self.deployments, [scope.repo, scope.environment, scope.from, scope.to, status, limit])[0]
                .get("body")
        }
    }

    /// `linked`: only linked (true) or unlinked (false) incidents; nil: both.
    public func incidentsJSON(_ scope: DoraScope, linked: Bool?, limit: Int) throws(StoreError) -> String {
        try storeCall {
            try connection.run(Self.incidents, [scope.repo, scope.environment, scope.from, scope.to, linked, limit])[0]
                .get("body")
        }
    }

    /// Changes merged in the window; `deployed`: only shipped (true) or not yet (false).
    public func changesJSON(_ scope: DoraScope, deployed: Bool?, limit: Int) throws(StoreError) -> String {
        try storeCall {
            try connection.run(Self.changes, [scope.repo, scope.from, scope.to, deployed, limit])[0].get("body")
        }
    }

    static func time(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    static let deployments = StoreStatement(name: "api_deployments", sql: """
        WITH matched AS (
            SELECT d.* FROM deployments d
            WHERE ($1::text IS NULL OR d.repo = lower($1))
              AND (CASE WHEN $2::text IS NULL THEN d.is_production ELSE lower(d.environment) = lower($2) END)
              AND coalesce(d.finished_at, d.created_at) >= $3 AND coalesce(d.finished_at, d.created_at) < $4
              AND ($5::text IS NULL OR d.status = $5)
        ),
        page AS (SELECT * FROM matched ORDER BY coalesce(finished_at, created_at) DESC, id DESC LIMIT $6)
        SELECT json_build_object(
            'deployments', coalesce((SELECT json_agg(json_build_object(
                'id', p.id, 'source', p.source, 'external_id', p.external_id, 'repo', p.repo,
                'environment', p.environment, 'is_production', p.is_production, 'sha', p.sha, 'ref', p.ref,
                'status', p.status, 'created_at', \(time("p.created_at")), 'finished_at', \(time("p.finished_at")),
                'changes_state', p.changes_state, 'changes_note', p.changes_note,
                'change_keys', coalesce((SELECT json_agg(dc.change_key ORDER BY dc.change_key) FROM deployment_changes dc
                                         WHERE dc.deployment_id = p.id), '[]'::json),
                'incident_ids', coalesce((SELECT json_agg(i.id ORDER BY i.id) FROM incidents i
                                          WHERE i.deployment_id = p.id), '[]'::json)
            ) ORDER BY coalesce(p.finished_at, p.created_at) DESC, p.id DESC) FROM page p), '[]'::json),
            'total_count', (SELECT count(*) FROM matched))::text AS body
        """)

    static let incidents = StoreStatement(name: "api_incidents", sql: """
        WITH matched AS (
            SELECT i.* FROM incidents i
            WHERE ($1::text IS NULL OR i.repo = lower($1))
              AND ($2::text IS NULL OR lower(i.environment) = lower($2))
              AND i.created_at >= $3 AND i.created_at < $4
              AND ($5::boolean IS NULL OR (i.deployment_id IS NOT NULL) = $5)
        ),
        page AS (SELECT * FROM matched ORDER BY created_at DESC, id DESC LIMIT $6)
        SELECT json_build_object(
            'incidents', coalesce((SELECT json_agg(json_build_object(
                'id', p.id, 'source', p.source, 'external_id', p.external_id, 'title', p.title, 'repo', p.repo,
                'environment', p.environment, 'created_at', \(time("p.created_at")),
                'resolved_at', \(time("p.resolved_at")), 'deployment_id', p.deployment_id,
                'link_method', p.link_method
            ) ORDER BY p.created_at DESC, p.id DESC) FROM page p), '[]'::json),
            'total_count', (SELECT count(*) FROM matched))::text AS body
        """)

    static let changes = StoreStatement(name: "api_changes", sql: """
        WITH matched AS (
            SELECT c.*, dc.deployment_id FROM changes c
            LEFT JOIN deployment_changes dc ON dc.change_key = c.change_key
            WHERE ($1::text IS NULL OR c.repo = lower($1))
              AND c.merged_at >= $2 AND c.merged_at < $3
              AND ($4::boolean IS NULL OR (dc.deployment_id IS NOT NULL) = $4)
        ),
        page AS (SELECT * FROM matched ORDER BY merged_at DESC, change_key LIMIT $5)
        SELECT json_build_object(
            'changes', coalesce((SELECT json_agg(json_build_object(
                'change_key', p.change_key, 'repo', p.repo, 'number', p.number, 'author', p.author,
                'title', p.title, 'first_commit_at', \(time("p.first_commit_at")),
                'opened_at', \(time("p.opened_at")), 'first_review_at', \(time("p.first_review_at")),
                'merged_at', \(time("p.merged_at")), 'merge_sha', p.merge_sha, 'deployment_id', p.deployment_id,
                'deployed_at', (SELECT \(time("coalesce(d.finished_at, d.created_at)")) FROM deployments d
                                WHERE d.id = p.deployment_id)
            ) ORDER BY p.merged_at DESC, p.change_key) FROM page p), '[]'::json),
            'total_count', (SELECT count(*) FROM matched))::text AS body
        """)
}
