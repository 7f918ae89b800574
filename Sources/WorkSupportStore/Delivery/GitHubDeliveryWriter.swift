import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Writes what GitHub says about deployments and merged pull requests (webhooks and harvest
/// alike) inside the caller's transaction, and relinks changes and incidents it touches.
public struct GitHubDeliveryWriter {
    let connection: PostgresConnection
    let config: DeliveryConfig
    static let source = "github"

    public init(connection: PostgresConnection, config: DeliveryConfig) {
        self.connection = connection
        self.config = config
    }

    var incidentLinks: IncidentLinkStore {
        IncidentLinkStore(connection: connection, linker: IncidentLinker(windowHours: config.incidentWindowHours))
    }

    /// Writes the deployment with the result its stored statuses give; true when the row changed.
    @discardableResult
    public func upsert(_ deployment: GitHubDeployment, raw: JSONValue) throws -> Bool {
        let history = try self.history(of: deployment.id)
        guard let row = try connection.run(DeliverySQL.upsertDeployment, [
            Self.source, deployment.id, deployment.repo, deployment.environment,
            config.isProduction(environment: deployment.environment), deployment.sha, deployment.ref,
            history.state.rawValue, deployment.createdAt, history.finishedAt, PostgresJSONText(raw.serializedString()),
        ]).first else { return false }
        try relinkAround(try Deployment(row: row), externalID: deployment.id)
        return true
    }

    /// Keeps the status even when its deployment is not stored yet (it is folded in when that
    /// arrives); refolds the deployment's result when it is. True when the deployment changed.
    @discardableResult
    public func add(_ status: GitHubDeploymentStatus, deploymentID: String, raw: JSONValue) throws -> Bool {
        _ = try connection.run(GitHubDeliverySQL.insertStatus, [
            Self.source, deploymentID, status.id, status.state.rawValue, status.createdAt,
            PostgresJSONText(raw.serializedString()),
        ])
        let history = try self.history(of: deploymentID)
        guard let row = try connection.run(GitHubDeliverySQL.updateResult, [
            Self.source, deploymentID, history.state.rawValue, history.finishedAt,
        ]).first else { return false }
        try relinkAround(try Deployment(row: row), externalID: deploymentID)
        return true
    }

    func history(of deploymentID: String) throws -> DeploymentStatusHistory {
        let statuses = try connection.run(GitHubDeliverySQL.statuses, [Self.source, deploymentID]).map { row in
            DeploymentStatusEvent(state: DeploymentState(rawValue: try row.get("state")) ?? .pending,
                                  createdAt: try row.get("created_at"),
                                  sequence: Int64(try row.get("status_id") as String) ?? 0)
        }
        return DeploymentStatusHistory(statuses)
    }

    /// True when the change row was inserted or changed.
    @discardableResult
    public func upsert(_ pull: MergedPullRequest, raw: JSONValue) throws -> Bool {
        let change = pull.change
        let written = try connection.run(GitHubDeliverySQL.upsertChange, [
            change.key, change.repo, pull.number, change.author, change.title, change.headRef, change.labels,
            change.firstCommitAt, change.openedAt, change.firstReviewAt, change.mergedAt, change.mergeSha,
            PostgresJSONText(raw.serializedString()),
        ]).count > 0
        if written { try relinkChange(key: change.key) }
        return written
    }

    /// Records a deployment's commit range (or why it has none) and maps the changes in it.
    public func setRange(deploymentID: Int64, _ range: ChangeRange, commits: [String]) throws {
        let note: String? = if case .unknown(let reason) = range { reason } else { nil }
        _ = try connection.run(GitHubDeliverySQL.setRange, [deploymentID, range.name, note])
        guard !commits.isEmpty else { return }
        _ = try connection.run(GitHubDeliverySQL.addCommits, [deploymentID, commits])
        let keys: [String] = try connection.run(GitHubDeliverySQL.changesOfDeployment, [deploymentID])
            .map { try $0.get("change_key") }
        for key in keys { try relinkChange(key: key) }
    }

    /// Maps one change to the deployment that shipped it (ChangeDeploymentMapping), or unmaps it.
    func relinkChange(key: String) throws {
        guard let row = try connection.run(GitHubDeliverySQL.change, [key]).first else { return }
        let change = Change(key: key, repo: try row.get("repo"), mergedAt: try row.get("merged_at"),
                            mergeSha: try row.get("merge_sha"))
        var candidates: [Deployment] = []
        if let sha = change.mergeSha {
            candidates = try connection.run(GitHubDeliverySQL.deploymentsHolding, [sha]).map { try Deployment(row: $0) }
        }
        if let shipped = ChangeDeploymentMapping.shippingDeployment(of: change, candidates: candidates) {
            _ = try connection.run(GitHubDeliverySQL.mapChange, [shipped.id, key])
        } else {
            _ = try connection.run(GitHubDeliverySQL.unmapChange, [key])
        }
    }

    /// After a deployment's result changed: pushes may give its range, the changes in its range
    /// may now ship with it (or not), and incidents near it may link differently.
    func relinkAround(_ deployment: Deployment, externalID: String) throws {
        try rangeThroughPushes(deployment)
        let keys: [String] = try connection.run(GitHubDeliverySQL.changesOfDeployment, [deployment.id])
            .map { try $0.get("change_key") }
        for key in keys { try relinkChange(key: key) }
        try incidentLinks.relink(near: deployment, externalID: externalID)
    }
}

extension GitHubDeliveryWriter {
    /// An incident from an issue labelled `dora.incident_label`; true when the row changed.
    @discardableResult
    public func upsert(_ incident: IngestedIncident, raw: JSONValue) throws -> Bool {
        try IncidentStore(connection: connection, config: config).upsert(incident, source: Self.source, raw: raw)
    }

    /// The successful production deployments of a repo and environment, for compare planning.
    public func productionHistory(repo: String, environment: String) throws -> [(deployment: Deployment, base: Deployment?)] {
        ChangeDeploymentMapping.predecessors(try connection.run(GitHubDeliverySQL.productionHistory, [repo, environment])
            .map { try Deployment(row: $0) })
    }

    /// Production environments GitHub deployments of `repo` went to.
    public func productionEnvironments(repo: String) throws -> [String] {
        try connection.run(GitHubDeliverySQL.productionEnvironments, [repo]).map { try $0.get("environment") }
    }

    /// Whether deployments or merged pull requests of `repo` are stored (by a harvest or a webhook).
    public func knows(repo: String) throws -> Bool {
        try connection.run(GitHubDeliverySQL.repoKnown, [repo]).first?.get("known", as: Bool.self) ?? false
    }
}
