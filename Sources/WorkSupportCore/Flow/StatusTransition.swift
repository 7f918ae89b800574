import FoundationEssentials

/// One status change of one issue: an item of a Jira changelog entry (`field` = `status`), with
/// the categories the statuses had when it was recorded.
public struct StatusTransition: Sendable, Hashable {
    /// The changelog entry's id; Jira numbers entries in the order they were written.
    public var changelogID: String
    public var changedAt: Date
    public var fromID: String?
    public var fromName: String?
    public var toID: String?
    public var toName: String?
    public var fromCategory: StatusCategory
    public var toCategory: StatusCategory

    public init(changelogID: String, changedAt: Date, fromID: String?, fromName: String?, toID: String?,
                toName: String?, fromCategory: StatusCategory, toCategory: StatusCategory) {
        self.changelogID = changelogID
        self.changedAt = changedAt
        self.fromID = fromID
        self.fromName = fromName
        self.toID = toID
        self.toName = toName
        self.fromCategory = fromCategory
        self.toCategory = toCategory
    }

    /// Jira's order of a history: by changelog id as a number (ids are decimal strings), then as
    /// text. Timestamps are not the order: after imports and clock trouble they can disagree with
    /// it, which is exactly what `FlowProblem.doneBeforeStarted` reports.
    public static func historyOrder(_ lhs: StatusTransition, _ rhs: StatusTransition) -> Bool {
        switch (UInt64(lhs.changelogID), UInt64(rhs.changelogID)) {
        case let (left?, right?) where left != right: left < right
        case (_?, nil): true
        case (nil, _?): false
        default: lhs.changelogID < rhs.changelogID
        }
    }
}
