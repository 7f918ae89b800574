/// The reference data of a simulated Jira site and team: types, statuses, projects, people.
public struct SimIssueType: Sendable, Hashable {
    public var id: String
    public var name: String
    public var hierarchyLevel: Int
    /// Child type ids as the generated `worksupport.properties` configures them; nil when the type
    /// is known to Jira but deliberately left out of the configured hierarchy.
    public var configuredChildren: [String]?

    public init(id: String, name: String, hierarchyLevel: Int, configuredChildren: [String]?) {
        self.id = id
        self.name = name
        self.hierarchyLevel = hierarchyLevel
        self.configuredChildren = configuredChildren
    }

    public var isConfigured: Bool { configuredChildren != nil }
}

public struct SimStatus: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `new`, `indeterminate` or `done`
    public var category: String

    public init(id: String, name: String, category: String) {
        self.id = id
        self.name = name
        self.category = category
    }

    public var categoryName: String {
        switch category {
        case "new": "To Do"
        case "done": "Done"
        default: "In Progress"
        }
    }

    public var categoryID: Int {
        switch category {
        case "new": 2
        case "done": 3
        default: 4
        }
    }
}

public struct SimVersion: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var released: Bool
    /// `YYYY-MM-DD`
    public var releaseDate: String

    public init(id: Int, name: String, released: Bool, releaseDate: String) {
        self.id = id
        self.name = name
        self.released = released
        self.releaseDate = releaseDate
    }
}

public struct SimProject: Sendable, Hashable {
    public var key: String
    public var id: Int
    public var name: String
    public var versions: [SimVersion]

    public init(key: String, id: Int, name: String, versions: [SimVersion]) {
        self.key = key
        self.id = id
        self.name = name
        self.versions = versions
    }
}

/// A Jira account (team member or not).
public struct SimAccount: Sendable, Hashable {
    public var accountID: String
    public var displayName: String

    public init(accountID: String, displayName: String) {
        self.accountID = accountID
        self.displayName = displayName
    }
}

/// A configured team member: `team.member.<id>.*`.
public struct SimMember: Sendable, Hashable {
    public var id: String
    public var name: String
    public var jiraAccountID: String?
    /// The login as GitHub spells it (mixed case); the properties file has it lowercased.
    public var githubLogin: String?

    public init(id: String, name: String, jiraAccountID: String?, githubLogin: String?) {
        self.id = id
        self.name = name
        self.jiraAccountID = jiraAccountID
        self.githubLogin = githubLogin
    }
}

/// An anomaly the generator put into the data on purpose.
public struct PlantedAnomaly: Sendable, Hashable, Comparable {
    public var kind: String
    public var issueKey: String
    public var detail: String

    public init(kind: String, issueKey: String, detail: String) {
        self.kind = kind
        self.issueKey = issueKey
        self.detail = detail
    }

    public static func < (lhs: PlantedAnomaly, rhs: PlantedAnomaly) -> Bool {
        (lhs.kind, lhs.issueKey) < (rhs.kind, rhs.issueKey)
    }
}
