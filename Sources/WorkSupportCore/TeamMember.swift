/// A person whose work is harvested, known to Jira, GitHub or both.
public struct TeamMember: Sendable, Hashable, Identifiable {
    /// The `<id>` of the `team.member.<id>.*` keys: letters, digits, `_` and `-`.
    public var id: String
    public var name: String
    /// Jira Cloud accountId (or e-mail on Server/DC).
    public var jiraID: String?
    /// GitHub login.
    public var githubID: String?

    public init(id: String, name: String, jiraID: String? = nil, githubID: String? = nil) {
        self.id = id
        self.name = name
        self.jiraID = jiraID
        self.githubID = githubID
    }
}
