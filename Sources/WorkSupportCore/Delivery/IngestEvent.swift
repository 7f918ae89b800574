import FoundationEssentials
import JSON

/// A deployment or incident posted to `POST /api/ingest/{source}`, checked field by field.
public enum IngestEvent: Sendable, Equatable {
    case deployment(IngestedDeployment)
    case incident(IngestedIncident)

    /// The body's `id`: with the source, what makes a repeat idempotent.
    public var id: String {
        switch self {
        case .deployment(let deployment): deployment.id
        case .incident(let incident): incident.id
        }
    }

    public var kind: String {
        switch self {
        case .deployment: "deployment"
        case .incident: "incident"
        }
    }
}

public struct IngestedDeployment: Sendable, Equatable {
    public var id: String
    public var repo: String
    public var environment: String
    public var sha: String?
    public var ref: String?
    public var state: DeploymentState
    public var startedAt: Date
    public var finishedAt: Date?
}

public struct IngestedIncident: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var repo: String?
    public var environment: String?
    public var createdAt: Date
    public var resolvedAt: Date?
    /// Explicit references: the `id` of a deployment, a commit sha, a pull request `owner/repo#N`.
    public var deploymentID: String?
    public var sha: String?
    public var pullRequest: String?

    public init(id: String, title: String? = nil, repo: String? = nil, environment: String? = nil, createdAt: Date,
                resolvedAt: Date? = nil, deploymentID: String? = nil, sha: String? = nil, pullRequest: String? = nil) {
        self.id = id
        self.title = title
        self.repo = repo
        self.environment = environment
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.deploymentID = deploymentID
        self.sha = sha
        self.pullRequest = pullRequest
    }
}

/// One invalid member of an ingest body: every one is reported at once (422).
public struct IngestFieldError: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public var description: String { "\(field): \(message)" }
}
