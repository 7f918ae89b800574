import FoundationEssentials
import Postgres
import WorkSupportCore

/// What one Jira issue's flow figures come from, as `FlowFigureSQL.histories` reads it: the
/// issue row's creation time and filter columns, its history mark and its status transitions.
struct FlowIssueHistory {
    var issueKey: String
    var createdAt: Date?
    var assignee: String?
    var assigneeMemberID: String?
    var issueTypeID: Int32?
    var history: IssueFlow.History
    var transitions: [StatusTransition] = []

    /// The figures, by the reference definitions.
    var flow: IssueFlow { IssueFlow(createdAt: createdAt, transitions: transitions, history: history) }

    /// The Jira issues among `keys` (sorted, distinct), in key order.
    static func read(_ keys: [String], on connection: PostgresConnection) throws(PostgresError) -> [FlowIssueHistory] {
        try connection.run(FlowFigureSQL.histories, [keys]) { view throws(PostgresError) in
            var issues: [FlowIssueHistory] = []
            for row in 0..<view.rowCount {
                func text(_ column: Int) -> String? { view.string(row, column) }
                func date(_ column: Int) throws(PostgresError) -> Date? { try view.timestamp(row, column) }
                let key = text(0) ?? ""
                if issues.last?.issueKey != key {
                    let history: IssueFlow.History = switch text(5) {
                    case "complete": .complete
                    case "incomplete": .incomplete(reason: text(6) ?? "")
                    default: .missing
                    }
                    issues.append(FlowIssueHistory(issueKey: key, createdAt: try date(1), assignee: text(2),
                                                   assigneeMemberID: text(3), issueTypeID: text(4).flatMap { Int32($0) },
                                                   history: history))
                }
                guard let changelogID = text(7), let changedAt = try date(8) else { continue }
                issues[issues.count - 1].transitions.append(StatusTransition(
                    changelogID: changelogID, changedAt: changedAt, fromID: text(9), fromName: text(10), toID: text(11),
                    toName: text(12), fromCategory: category(text(13)), toCategory: category(text(14))))
            }
            return issues
        }
    }

    /// A status row without a category (rows older than categories) counts as neither started,
    /// done nor unknown, as the gold views read it: `new` does the same.
    static func category(_ key: String?) -> StatusCategory {
        key.flatMap { StatusCategory(rawValue: $0) } ?? .new
    }
}
