import Foundation

/// What a query is evaluated against besides the issue: the clock, the user's time zone and the
/// site's catalogs (to resolve type and project names, and to refuse values Jira would refuse).
public struct JQLContext: Sendable {
    public var now: Int64
    public var timeZone: TimeZone
    public var currentAccountID: String
    public var issueTypes: [SimIssueType]
    public var statuses: [SimStatus]
    public var projectKeys: [String]

    public init(now: Int64, timeZone: TimeZone, currentAccountID: String, issueTypes: [SimIssueType],
                statuses: [SimStatus], projectKeys: [String]) {
        self.now = now
        self.timeZone = timeZone
        self.currentAccountID = currentAccountID
        self.issueTypes = issueTypes
        self.statuses = statuses
        self.projectKeys = projectKeys
    }

    public init(dataset: SimDataset, now: Int64) {
        self.init(now: now, timeZone: TimeZone(identifier: dataset.timeZone) ?? .gmt,
                  currentAccountID: dataset.jiraAccountID, issueTypes: dataset.issueTypes,
                  statuses: dataset.statuses, projectKeys: dataset.projects.map(\.key))
    }
}

public typealias JQLPredicate = (SimJiraIssue) -> Bool

/// Turns a parsed condition into a predicate, resolving names, dates and lists once.
/// Jira's rules: `!=` and `NOT IN` never match an empty field; `IS EMPTY` does.
public enum JQLEvaluator {
    public static func predicate(_ expression: JQLExpression?, context: JQLContext) throws(JQLError) -> JQLPredicate {
        guard let expression else { return { _ in true } }
        switch expression {
        case .and(let lhs, let rhs):
            let left = try predicate(lhs, context: context), right = try predicate(rhs, context: context)
            return { left($0) && right($0) }
        case .or(let lhs, let rhs):
            let left = try predicate(lhs, context: context), right = try predicate(rhs, context: context)
            return { left($0) || right($0) }
        case .not(let inner):
            let body = try predicate(inner, context: context)
            return { !body($0) }
        case .clause(let clause):
            return try predicate(clause, context: context)
        }
    }

    static func predicate(_ clause: JQLClause, context: JQLContext) throws(JQLError) -> JQLPredicate {
        if clause.field.isDate { return try datePredicate(clause, context: context) }
        if clause.field == .key, [.greater, .greaterOrEqual, .less, .lessOrEqual].contains(clause.op) {
            return keyRangePredicate(clause)
        }
        if clause.field == .summary {
            guard case .text(let word)? = clause.values.first else { return { _ in false } }
            let needle = word.lowercased()
            let positive = clause.op == .contains
            return { $0.summary.lowercased().contains(needle) == positive }
        }
        let wanted = try normalizedValues(clause, context: context)
        let matchesEmpty = clause.values.contains(.empty)
        let extract = extractor(clause.field, context: context)
        switch clause.op {
        case .equals, .isIn:
            return { issue in
                let values = extract(issue)
                return values.isEmpty ? matchesEmpty : values.contains { wanted.contains($0) }
            }
        case .notEquals, .notIn:
            return { issue in
                let values = extract(issue)
                if matchesEmpty && clause.values.count == 1 { return !values.isEmpty }
                return !values.isEmpty && !values.contains { wanted.contains($0) }
            }
        case .isEmpty:
            return { extract($0).isEmpty }
        case .isNotEmpty:
            return { !extract($0).isEmpty }
        default:
            throw JQLError("The operator '\(clause.op.rawValue)' is not supported by the '\(clause.field.rawValue)' field.")
        }
    }

    /// The clause's values in the form `extractor` produces (upper-case keys, type ids, lower-case names).
    private static func normalizedValues(_ clause: JQLClause, context: JQLContext) throws(JQLError) -> Set<String> {
        var result: Set<String> = []
        for value in clause.values {
            switch value {
            case .empty: continue
            case .currentUser: result.insert(context.currentAccountID)
            case .text(let text):
                switch clause.field {
                case .key, .parent:
                    result.insert(JiraKey(text)?.text ?? text.uppercased())
                case .project:
                    guard context.projectKeys.contains(text.uppercased()) else {
                        throw JQLError("The value '\(text)' does not exist for the field 'project'.")
                    }
                    result.insert(text.uppercased())
                case .issuetype:
                    let matches = context.issueTypes.filter { $0.id == text || $0.name.lowercased() == text.lowercased() }
                    guard !matches.isEmpty else {
                        throw JQLError("The value '\(text)' does not exist for the field 'issuetype'.")
                    }
                    result.formUnion(matches.map(\.id))
                case .status:
                    guard context.statuses.contains(where: { $0.name.lowercased() == text.lowercased() || $0.id == text }) else {
                        throw JQLError("The value '\(text)' does not exist for the field 'status'.")
                    }
                    let names = context.statuses.filter { $0.name.lowercased() == text.lowercased() || $0.id == text }
                    result.formUnion(names.map { $0.name.lowercased() })
                case .statusCategory:
                    let lowered = text.lowercased()
                    let byName = ["to do": "new", "in progress": "indeterminate", "done": "done"]
                    result.insert(byName[lowered] ?? lowered)
                case .assignee:
                    result.insert(text)
                default:
                    result.insert(text.lowercased())
                }
            }
        }
        return result
    }

    private static func extractor(_ field: JQLField, context: JQLContext) -> (SimJiraIssue) -> [String] {
        switch field {
        case .project: return { [$0.project] }
        case .key: return { [$0.key] }
        case .issuetype: return { [$0.issueTypeID] }
        case .labels: return { $0.labels.map { $0.lowercased() } }
        case .parent: return { $0.parentKey.map { [$0] } ?? [] }
        case .status: return { [$0.status.lowercased()] }
        case .statusCategory:
            let categories = Dictionary(context.statuses.map { ($0.name, $0.category) }, uniquingKeysWith: { a, _ in a })
            return { issue in categories[issue.status].map { [$0] } ?? [] }
        case .assignee: return { $0.assigneeAccountID.map { [$0] } ?? [] }
        case .fixVersion: return { $0.fixVersions.map { $0.lowercased() } }
        case .updated, .created, .resolved, .summary: return { _ in [] }
        }
    }

    private static func keyRangePredicate(_ clause: JQLClause) -> JQLPredicate {
        guard case .text(let text)? = clause.values.first, let bound = JiraKey(text) else { return { _ in false } }
        let op = clause.op
        return { issue in
            guard issue.project == bound.project else { return false }
            return compare(Int64(issue.number), op, Int64(bound.number))
        }
    }

    private static func datePredicate(_ clause: JQLClause, context: JQLContext) throws(JQLError) -> JQLPredicate {
        let field = clause.field
        let value: (SimJiraIssue) -> Int64? = switch field {
        case .created: { $0.created }
        case .resolved: { $0.resolved }
        default: { $0.updated }
        }
        if clause.op == .isEmpty { return { value($0) == nil } }
        if clause.op == .isNotEmpty { return { value($0) != nil } }
        var instants: [Int64] = []
        var matchesEmpty = false
        for operand in clause.values {
            guard case .text(let text) = operand else { matchesEmpty = true; continue }
            guard let date = JQLDate(text) else { throw JQLError("Date value '\(text)' is invalid.") }
            instants.append(date.resolve(now: context.now, timeZone: context.timeZone))
        }
        let op = clause.op
        return { issue in
            guard let actual = value(issue) else { return matchesEmpty && (op == .equals || op == .isIn) }
            switch op {
            case .isIn, .equals: return instants.contains(actual)
            case .notIn, .notEquals: return !instants.contains(actual)
            default: return instants.first.map { compare(actual, op, $0) } ?? false
            }
        }
    }

    static func compare(_ lhs: Int64, _ op: JQLOperator, _ rhs: Int64) -> Bool {
        switch op {
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        case .equals: lhs == rhs
        case .notEquals: lhs != rhs
        default: false
        }
    }
}
