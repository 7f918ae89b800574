/// A person whose work is harvested, known to Jira, GitHub or both.
public struct TeamMember: Sendable, Hashable, Identifiable {
    /// The `<id>` of the `team.member.<id>.*` keys: letters, digits, `_` and `-`.
    public var id: String
    public var name: String
    /// Jira Cloud accountId (or e-mail on Server/DC).
    public var jiraID: String?
    /// GitHub login.
    public var githubID: String?
    /// Slack user id (`U…`), which maps Slack messages, mentions and reactions to the member.
    public var slackID: String?
    /// Free text; `po` marks a product owner (`/api/team/owners`).
    public var role: String?

    public init(id: String, name: String, jiraID: String? = nil, githubID: String? = nil,
                slackID: String? = nil, role: String? = nil) {
        self.id = id
        self.name = name
        self.jiraID = jiraID
        self.githubID = githubID
        self.slackID = slackID
        self.role = role
    }

    /// A product owner, by the documented role value `po` (any case).
    public var isProductOwner: Bool { role?.lowercased() == "po" }
}
