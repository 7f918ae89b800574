extension TestEnvironmentError {
    /// For harness users in other test targets (the memberwise initializer is internal).
    public init(_ message: String) {
        self.init(message: message)
    }
}
