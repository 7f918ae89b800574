import FoundationEssentials
import JSON

/// One `issue_transitions` row: a status or assignee item of a Jira changelog entry.
public struct TransitionRecord: Sendable, Equatable {
    public enum Field: String, Sendable {
        case status
        case assignee
    }

    public var issueKey: String
    public var changelogID: String
    public var field: Field
    public var changedAt: Date
    /// accountId of who made the change.
    public var author: String?
    /// Status name / assignee display name.
    public var fromValue: String?
    public var toValue: String?
    /// Status id / assignee accountId.
    public var fromID: String?
    public var toID: String?
    /// Status rows only.
    public var fromCategory: StatusCategory?
    public var toCategory: StatusCategory?
    /// The changelog id as a number: the history's order.
    public var historyOrder: Int64
    /// The item as it came.
    public var raw: JSONValue

    public init(issueKey: String, changelogID: String, field: Field, changedAt: Date, author: String?,
                fromValue: String?, toValue: String?, fromID: String?, toID: String?,
                fromCategory: StatusCategory?, toCategory: StatusCategory?, historyOrder: Int64, raw: JSONValue) {
        self.issueKey = issueKey
        self.changelogID = changelogID
        self.field = field
        self.changedAt = changedAt
        self.author = author
        self.fromValue = fromValue
        self.toValue = toValue
        self.fromID = fromID
        self.toID = toID
        self.fromCategory = fromCategory
        self.toCategory = toCategory
        self.historyOrder = historyOrder
        self.raw = raw
    }
}

/// A changelog entry that cannot be recorded; the issue's history is then incomplete.
public struct ChangelogError: Error, CustomStringConvertible, Sendable, Equatable {
    public var issueKey: String
    public var reason: String

    public init(issueKey: String, reason: String) {
        self.issueKey = issueKey
        self.reason = reason
    }

    public var description: String { "changelog of \(issueKey): \(reason)" }
}
