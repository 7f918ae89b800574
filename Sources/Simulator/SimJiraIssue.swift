/// One Jira issue as the simulator stores it; rendered to Jira Cloud's JSON shape on the way out.
public struct SimJiraIssue: Sendable, Hashable {
    public var project: String
    public var number: Int
    public var id: Int
    public var summary: String
    public var status: String
    /// The issue type id as Jira sends it (`"10101"`); may be a type the configured hierarchy lacks.
    public var issueTypeID: String
    public var parentKey: String?
    public var assigneeAccountID: String?
    public var labels: [String]
    public var fixVersions: [String]
    public var priority: String
    public var components: [String]
    public var created: Int64
    public var updated: Int64
    public var resolved: Int64?
    /// A special status history planted on purpose; nil: derived from the fields and the seed.
    public var flowPlant: SimFlowPlant?

    public var key: String { "\(project)-\(number)" }

    public init(project: String, number: Int, id: Int, summary: String, status: String, issueTypeID: String,
                parentKey: String? = nil, assigneeAccountID: String? = nil, labels: [String] = [],
                fixVersions: [String] = [], priority: String = "Medium", components: [String] = [],
                created: Int64, updated: Int64, resolved: Int64? = nil, flowPlant: SimFlowPlant? = nil) {
        self.project = project
        self.number = number
        self.id = id
        self.summary = summary
        self.status = status
        self.issueTypeID = issueTypeID
        self.parentKey = parentKey
        self.assigneeAccountID = assigneeAccountID
        self.labels = labels
        self.fixVersions = fixVersions
        self.priority = priority
        self.components = components
        self.created = created
        self.updated = updated
        self.resolved = resolved
        self.flowPlant = flowPlant
    }
}

/// A Jira key split into project and number, ordered as Jira orders keys.
public struct JiraKey: Sendable, Hashable, Comparable {
    public var project: String
    public var number: Int

    public init(project: String, number: Int) {
        self.project = project
        self.number = number
    }

    /// `WSA-12` → (WSA, 12); nil unless it is `LETTERS-DIGITS`.
    public init?(_ text: String) {
        guard let dash = text.lastIndex(of: "-"), let number = Int(text[text.index(after: dash)...]),
              number >= 0, dash != text.startIndex else { return nil }
        let project = text[..<dash].uppercased()
        guard project.first?.isLetter == true,
              project.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        self.project = project
        self.number = number
    }

    public var text: String { "\(project)-\(number)" }

    public static func < (lhs: JiraKey, rhs: JiraKey) -> Bool {
        lhs.project != rhs.project ? lhs.project < rhs.project : lhs.number < rhs.number
    }
}
