import FoundationEssentials

/// One status of a deployment.
public struct DeploymentStatusEvent: Sendable, Equatable {
    public var state: DeploymentState
    public var createdAt: Date
    /// Orders statuses created in the same second (GitHub's status ids grow).
    public var sequence: Int64

    public init(state: DeploymentState, createdAt: Date, sequence: Int64 = 0) {
        self.state = state
        self.createdAt = createdAt
        self.sequence = sequence
    }
}

/// A deployment's result and finish time from all of its statuses, in whatever order they came:
/// the result is the latest status other than `inactive` (failure then success = success), the
/// finish time the `created_at` of its first `success`.
public struct DeploymentStatusHistory: Sendable, Equatable {
    public var state: DeploymentState
    public var finishedAt: Date?

    public init(_ statuses: [DeploymentStatusEvent]) {
        let ordered = statuses.sorted { ($0.createdAt, $0.sequence) < ($1.createdAt, $1.sequence) }
        let meaningful = ordered.filter { $0.state != .inactive }
        // Only `inactive` seen: GitHub sets it on a deployment that was live, i.e. succeeded.
        state = meaningful.last?.state ?? (ordered.isEmpty ? .pending : .success)
        finishedAt = ordered.first { $0.state == .success }?.createdAt
    }
}
