/// The fields the simulator's JQL understands.
public enum JQLField: String, Sendable, CaseIterable {
    case project, key, issuetype, labels, parent, status, statusCategory, assignee, fixVersion
    case updated, created, resolved, summary

    /// Names and aliases as Jira accepts them (compared lowercased).
    static let byName: [String: JQLField] = [
        "project": .project, "key": .key, "issuekey": .key, "id": .key, "issuetype": .issuetype, "type": .issuetype,
        "labels": .labels, "label": .labels, "parent": .parent, "status": .status, "statuscategory": .statusCategory,
        "assignee": .assignee, "fixversion": .fixVersion, "updated": .updated, "updateddate": .updated,
        "created": .created, "createddate": .created, "resolved": .resolved, "resolutiondate": .resolved,
        "summary": .summary,
    ]

    var isDate: Bool { self == .updated || self == .created || self == .resolved }
    var isOrderable: Bool { self == .key || isDate }
    var isOrdered: Bool { self == .key || isDate }
}

public enum JQLOperator: String, Sendable {
    case equals = "=", notEquals = "!=", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    case contains = "~", notContains = "!~"
    case isIn = "in", notIn = "not in", isEmpty = "is", isNotEmpty = "is not"
}

/// A value on the right of an operator.
public enum JQLValue: Sendable, Equatable {
    case text(String)
    /// `EMPTY` or `NULL`.
    case empty
    /// `currentUser()`; other functions are refused by the parser.
    case currentUser
}

public struct JQLClause: Sendable, Equatable {
    public var field: JQLField
    public var op: JQLOperator
    public var values: [JQLValue]
}

public indirect enum JQLExpression: Sendable, Equatable {
    case clause(JQLClause)
    case and(JQLExpression, JQLExpression)
    case or(JQLExpression, JQLExpression)
    case not(JQLExpression)
}

public struct JQLOrder: Sendable, Equatable {
    public var field: JQLField
    public var descending: Bool
}

/// A parsed query: an optional condition and its ORDER BY.
public struct JQLQuery: Sendable, Equatable {
    public var condition: JQLExpression?
    public var orderBy: [JQLOrder]
}
