/// A deployment status state, as GitHub names them; generic ingest uses the same words.
public enum DeploymentState: String, Sendable, CaseIterable {
    case queued, pending
    case inProgress = "in_progress"
    case success, failure, error
    /// Superseded by a later deployment; says nothing about how this one went.
    case inactive

    /// A result the metrics count: the deployment ended, well or badly.
    public var isFinished: Bool { self == .success || self == .failure || self == .error }
    public var isFailed: Bool { self == .failure || self == .error }
}
