import FoundationEssentials

/// A deployment as the metrics see it (a `deployments` row).
public struct Deployment: Sendable, Equatable {
    public var id: Int64
    public var repo: String
    public var environment: String
    public var isProduction: Bool
    public var sha: String?
    public var ref: String?
    public var state: DeploymentState
    public var createdAt: Date
    /// The first `success` status's time; nil until it succeeds.
    public var finishedAt: Date?
    public var changeRange: ChangeRange

    public init(id: Int64, repo: String, environment: String, isProduction: Bool = true, sha: String? = nil,
                ref: String? = nil, state: DeploymentState, createdAt: Date, finishedAt: Date? = nil,
                changeRange: ChangeRange = .pending) {
        self.id = id
        self.repo = repo
        self.environment = environment
        self.isProduction = isProduction
        self.sha = sha
        self.ref = ref
        self.state = state
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.changeRange = changeRange
    }

    /// When it counts: finished for a success, started for anything else.
    public var at: Date { finishedAt ?? createdAt }
}

/// What is known about the changes a deployment shipped (`deployments.changes_state`).
public enum ChangeRange: Sendable, Equatable {
    /// No compare yet (e.g. only the webhook has been seen).
    case pending
    /// The commits since the previous successful deployment of its repo and environment are known.
    case known
    /// The first deployment of its repo and environment: no predecessor to compare with, so its
    /// changes are not guessed.
    case baseUnknown
    /// GitHub refused the compare (e.g. the base was force-pushed away).
    case unknown(reason: String)

    public var name: String {
        switch self {
        case .pending: "pending"
        case .known: "known"
        case .baseUnknown: "base_unknown"
        case .unknown: "unknown"
        }
    }
}
