import FoundationEssentials
import JSON

/// Where an issue came from.
public enum IssueSource: String, Sendable, Hashable, CaseIterable {
    case jira
    case github
}

/// One normalized work item: a row of `issues`. The mapping from Jira and GitHub JSON is in
/// docs/normalization.md.
public struct IssueRecord: Sendable, Hashable {
    public var issueKey: String
    public var source: IssueSource
    public var summary: String
    public var status: String?
    public var statusCategory: String?
    public var issueTypeID: Int
    public var issueTypeName: String?
    public var parentKey: String?
    public var epicKey: String?
    /// GitHub only: the Jira key the item refers to.
    public var linkedKey: String?
    public var assignee: String?
    public var assigneeMemberID: String?
    public var labels: [String]
    public var fixVersions: [String]
    public var url: String?
    public var createdAt: Date?
    public var updatedAt: Date
    public var resolvedAt: Date?
    public var raw: JSONValue

    public init(issueKey: String, source: IssueSource, summary: String, status: String? = nil,
                statusCategory: String? = nil, issueTypeID: Int, issueTypeName: String? = nil,
                parentKey: String? = nil, epicKey: String? = nil, linkedKey: String? = nil,
                assignee: String? = nil, assigneeMemberID: String? = nil, labels: [String] = [],
                fixVersions: [String] = [], url: String? = nil, createdAt: Date? = nil,
                updatedAt: Date, resolvedAt: Date? = nil, raw: JSONValue = .object(JSONObject())) {
        self.issueKey = issueKey
        self.source = source
        self.summary = summary
        self.status = status
        self.statusCategory = statusCategory
        self.issueTypeID = issueTypeID
        self.issueTypeName = issueTypeName
        self.parentKey = parentKey
        self.epicKey = epicKey
        self.linkedKey = linkedKey
        self.assignee = assignee
        self.assigneeMemberID = assigneeMemberID
        self.labels = labels
        self.fixVersions = fixVersions
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.raw = raw
    }
}

extension IssueType {
    /// GitHub items are not Jira types; they get reserved ids so they never count as unknown.
    public static let githubIssue = IssueType(id: -2, name: "GitHub Issue", childIDs: [])
    public static let githubPullRequest = IssueType(id: -3, name: "GitHub Pull Request", childIDs: [])
}
