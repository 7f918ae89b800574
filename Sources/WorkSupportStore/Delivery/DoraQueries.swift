import FoundationEssentials
import Postgres
import WorkSupportCore

/// Reads what the metrics are computed from, on the read connection (one repeatable-read
/// snapshot, nothing written), and the delivery lists of the API.
public struct DoraQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// What of each change is read. A page reads only what the figures it shows are computed
    /// from: sending and decoding a window's thousands of changes is most of its cost.
    public enum ChangeDetail: Sendable {
        /// Everything the calculator reads: every figure of `GET /api/metrics/dora`.
        case full
        /// All but the author, opened and first review times and merge commit: the five
        /// metrics without a team filter and without the lead time's parts, which come out wrong
        /// from it (the delivery page shows neither).
        case fiveMetrics
        /// Each change's deployment, key, repo, first commit and merge time only: deployment
        /// frequency, change lead time (not its parts), change fail rate and recovery time. The
        /// rework rate comes out wrong from it too (the overview's headline shows none of them).
        case leadTime
    }

    /// The scope's deployments counting from the window's start on (later ones are the
    /// recoveries of failures inside it), the changes they shipped and the incidents that bear on them.
    /// Changes and incidents are read by the ids of the window's deployments: the scope is
    /// resolved once, and each read is a plan on an index whatever the parameters. Results come
    /// in the binary format: thousands of timestamps are neither printed nor parsed.
    public func inputs(_ scope: DoraScope, changes detail: ChangeDetail = .full) throws(StoreError)
        -> (deployments: [Deployment], changes: [Change], incidents: [Incident]) {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                let deployments = try connection.run(Self.deployments, [scope.repo, scope.environment, scope.from],
                                                     binaryResults: true, reading: DoraInputRows.deployments)
                let inWindow = deployments.filter { $0.at < scope.to }.map(\.id)
                let changes = inWindow.isEmpty ? []
                    : try connection.run(Self.changesStatement(detail), [inWindow], binaryResults: true, reading: DoraInputRows.changes)
                let incidents = try connection.run(Self.incidents, [scope.repo, scope.environment, scope.from, scope.to, inWindow],
                                                   binaryResults: true, reading: DoraInputRows.incidents)
                return (deployments, changes, incidents)
            }
        }
    }

    /// `$1` repo, `$2` environment (nil: production), `$3` the window's start.
    static let deployments = StoreStatement(name: "dora_deployments", sql: """
        SELECT \(DeliverySQL.deploymentColumns)
        FROM deployments d
        WHERE ($1::text IS NULL OR d.repo = lower($1))
          AND (CASE WHEN $2::text IS NULL THEN d.is_production ELSE lower(d.environment) = lower($2) END)
          AND coalesce(d.finished_at, d.created_at) >= $3::timestamptz
        """)

    /// `$1` the deployments' ids. Keys compared as bytes (`changes_key_bytes`): equality is the
    /// same under any deterministic collation, and a lookup costs no locale compare.
    static let changes = StoreStatement(name: "dora_changes", sql: changesSQL(.full))
    static let fiveMetricsChanges = StoreStatement(name: "dora_changes_five_metrics", sql: changesSQL(.fiveMetrics))
    static let leadTimeChanges = StoreStatement(name: "dora_changes_lead_time", sql: changesSQL(.leadTime))

    static func changesStatement(_ detail: ChangeDetail) -> StoreStatement {
        switch detail {
        case .full: changes
        case .fiveMetrics: fiveMetricsChanges
        case .leadTime: leadTimeChanges
        }
    }

    /// One text for every detail: a column not read is a typed NULL (labels: empty), which costs
    /// nothing to send or decode; a statement of its own per detail, so no row tests what to read.
    static func changesSQL(_ detail: ChangeDetail) -> String {
        let all = detail == .full, rework = detail != .leadTime
        func column(_ name: String, _ read: Bool, _ type: String) -> String { read ? "c.\(name)" : "NULL::\(type)" }
        return """
            SELECT dc.deployment_id, c.change_key, c.repo, \(column("author", all, "text")), \(column("title", rework, "text")),
                   \(column("head_ref", rework, "text")), \(rework ? "c.labels" : "'{}'::text[]"),
                   c.first_commit_at, \(column("opened_at", all, "timestamptz")), \(column("first_review_at", all, "timestamptz")),
                   c.merged_at, \(column("merge_sha", all, "text"))
            FROM deployment_changes dc
            JOIN changes c ON c.change_key COLLATE "C" = dc.change_key COLLATE "C"
            WHERE dc.deployment_id = ANY ($1::bigint[])
            """
    }

    /// Those linked to deployments `$5`, and the scope's unlinked ones created in the window. The
    /// ids are joined, not filtered with `= ANY`: a parameter array is searched element by element
    /// for every incident row.
    static let incidents = StoreStatement(name: "dora_incidents", sql: """
        SELECT i.id, i.repo, i.environment, i.created_at, i.resolved_at, i.deployment_id, i.link_method
        FROM unnest($5::bigint[]) AS w(id)
        JOIN incidents i ON i.deployment_id = w.id
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
            let row = try connection.run(Self.scopeChoices)[0]
            return (try row.get("repos"), try row.get("environments"))
        }
    }

    /// The distinct (repo, environment) pairs found by skipping from one to the next on
    /// `deployments_scope_time`: a probe a pair instead of reading every deployment.
    static let scopeChoices = StoreStatement(name: "dora_scope_choices", sql: """
        WITH RECURSIVE pairs AS (
            (SELECT repo, environment FROM deployments ORDER BY repo, environment LIMIT 1)
            UNION ALL
            SELECT n.repo, n.environment FROM pairs p CROSS JOIN LATERAL (
                SELECT d.repo, d.environment FROM deployments d WHERE (d.repo, d.environment) > (p.repo, p.environment)
                ORDER BY d.repo, d.environment LIMIT 1) n
        )
        SELECT ARRAY(SELECT DISTINCT repo FROM pairs ORDER BY 1 LIMIT 500) AS repos,
               ARRAY(SELECT DISTINCT environment FROM pairs ORDER BY 1 LIMIT 100) AS environments
        """)
}
