import JSON
import Postgres
import WorkSupportCore

/// Applies GitHub's `deployment`, `deployment_status`, merged `pull_request` and branch `push`
/// deliveries to the delivery tables, for the repositories in `github.repos`. Others are ignored
/// (and counted as such).
public struct GitHubDeliveryEvents {
    public static let events: Set<String> = ["deployment", "deployment_status", "pull_request", "push"]

    /// What became of a delivery here: nil when it carries nothing for the delivery tables.
    public enum Outcome: Equatable {
        case applied(written: Bool)
        case ignored(reason: String)
    }

    let writer: GitHubDeliveryWriter
    let config: DeliveryConfig

    public init(connection: PostgresConnection, config: DeliveryConfig) {
        writer = GitHubDeliveryWriter(connection: connection, config: config)
        self.config = config
    }

    public func apply(event: String, action: String?, payload: JSONValue) throws -> Outcome? {
        guard Self.events.contains(event), let repo = payload["repository"]?["full_name"]?.stringValue else { return nil }
        if event == "pull_request" && (action != "closed" || payload["pull_request"]?["merged"]?.boolValue != true) {
            return nil
        }
        guard config.collects(githubRepo: repo) else { return .ignored(reason: "repository \(repo) is not in github.repos") }
        switch event {
        case "deployment":
            guard let object = payload["deployment"], let deployment = GitHubDeliveryPayload.deployment(object, repo: repo) else {
                return .ignored(reason: "the deployment payload has no usable deployment object")
            }
            return .applied(written: try writer.upsert(deployment, raw: object))
        case "deployment_status":
            guard let object = payload["deployment_status"], let status = GitHubDeliveryPayload.status(object) else {
                return .ignored(reason: "the deployment_status payload has no usable deployment_status object")
            }
            // The status names its deployment; when the payload carries the deployment, it is written first.
            var written = false
            let deploymentObject = payload["deployment"]
            let deployment = deploymentObject.flatMap { GitHubDeliveryPayload.deployment($0, repo: repo) }
            if let deployment, let deploymentObject { written = try writer.upsert(deployment, raw: deploymentObject) }
            guard let id = deployment?.id ?? GitHubDeliveryPayload.identifier(object["deployment_id"])
                ?? object["deployment_url"]?.stringValue?.split(separator: "/").last.map(String.init) else {
                return .ignored(reason: "the deployment_status payload names no deployment")
            }
            return .applied(written: try writer.add(status, deploymentID: id, raw: object) || written)
        case "push":
            switch BranchPush.read(payload, repo: repo) {
            case .notABranchUpdate(let reason): return .ignored(reason: reason)
            case .push(let push): return .applied(written: try writer.record(push))
            }
        default:
            guard let object = payload["pull_request"],
                  let pull = GitHubDeliveryPayload.mergedPullRequest(object, repo: repo) else { return nil }
            return .applied(written: try writer.upsert(pull, raw: object))
        }
    }
}
