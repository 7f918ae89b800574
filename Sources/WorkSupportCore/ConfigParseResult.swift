/// Every problem found in a configuration, for callers that want more than the first one.
public struct ConfigParseResult: Sendable {
    /// The configuration; nil exactly when `errors` is not empty.
    public var config: WorkSupportConfig?
    /// All problems, ordered by line; problems without a line (missing keys) come last.
    public var errors: [ConfigError]

    public init(config: WorkSupportConfig?, errors: [ConfigError]) {
        self.config = config
        self.errors = errors
    }
}
