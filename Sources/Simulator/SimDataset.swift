/// Everything the simulator serves: the Jira site, the GitHub repositories, the team, and the
/// anomalies planted on purpose. A value: the server keeps one copy to mutate and one to reset to.
public struct SimDataset: Sendable, Hashable {
    public var seed: UInt64
    /// The fixed "now" the data was generated around (never the wall clock).
    public var now: Int64
    /// The Jira user's time zone (`/rest/api/3/myself`); JQL dates are read in it.
    public var timeZone: String
    public var jiraEmail: String
    public var jiraAccountID: String
    public var rootJQL: String
    public var jiraLabel: String
    public var githubLabel: String
    public var issueTypes: [SimIssueType]
    public var statuses: [SimStatus]
    public var projects: [SimProject]
    public var accounts: [SimAccount]
    public var members: [SimMember]
    public var repositories: [String]
    public var jiraIssues: [SimJiraIssue]
    public var githubItems: [SimGitHubItem]
    public var plantedAnomalies: [PlantedAnomaly]
    /// Extra In Review → In Progress loops in every history that reaches In Progress and does not
    /// end in To Do (0 by
    /// default): benchmarks ask for longer histories than the realistic mix has.
    public var reviewLoops = 0

    public init(seed: UInt64, now: Int64, timeZone: String, jiraEmail: String, jiraAccountID: String,
                rootJQL: String, jiraLabel: String, githubLabel: String, issueTypes: [SimIssueType],
                statuses: [SimStatus], projects: [SimProject], accounts: [SimAccount], members: [SimMember],
                repositories: [String], jiraIssues: [SimJiraIssue], githubItems: [SimGitHubItem],
                plantedAnomalies: [PlantedAnomaly]) {
        self.seed = seed
        self.now = now
        self.timeZone = timeZone
        self.jiraEmail = jiraEmail
        self.jiraAccountID = jiraAccountID
        self.rootJQL = rootJQL
        self.jiraLabel = jiraLabel
        self.githubLabel = githubLabel
        self.issueTypes = issueTypes
        self.statuses = statuses
        self.projects = projects
        self.accounts = accounts
        self.members = members
        self.repositories = repositories
        self.jiraIssues = jiraIssues
        self.githubItems = githubItems
        self.plantedAnomalies = plantedAnomalies
    }

    public func issueType(id: String) -> SimIssueType? {
        issueTypes.first { $0.id == id }
    }

    public func status(named name: String) -> SimStatus? {
        let wanted = name.lowercased()
        return statuses.first { $0.name.lowercased() == wanted }
    }

    public func project(key: String) -> SimProject? {
        let wanted = key.uppercased()
        return projects.first { $0.key == wanted }
    }

    public func account(id: String) -> SimAccount? {
        accounts.first { $0.accountID == id }
    }

    /// The label pattern releases are recognised by (`release.label_pattern`'s default).
    public static let releaseLabelPrefix = "release-"
}
