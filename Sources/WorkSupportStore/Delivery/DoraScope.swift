import FoundationEssentials

/// What a metrics or list request narrows to: repo, environment (production when nil), window.
public struct DoraScope: Sendable {
    public var repo: String?
    /// One environment by name; nil: every production environment.
    public var environment: String?
    public var from: Date
    public var to: Date

    public init(repo: String?, environment: String?, from: Date, to: Date) {
        self.repo = repo
        self.environment = environment
        self.from = from
        self.to = to
    }
}
