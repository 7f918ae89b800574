import FoundationEssentials
import Postgres
import WorkSupportCore

/// Keeps `issue_flow_figures`, `issue_status_seconds` and their day sums (migrations 0024, 0029)
/// equal to what the gold views compute from scratch. Every writer of what the figures come from
/// (transitions, history marks, a Jira issue's row) calls `refresh` for the issues it touched inside
/// its own transaction, so the figures commit or roll back with the rows they are computed from. No
/// trigger: the writers are few and a trigger is one more thing an operator must keep on.
public enum FlowFigures {
    /// Recomputes the figures of `issueKeys` (keys that are no Jira issue lose theirs): one read
    /// of their histories and one of their shares in the day sums, the figures by `IssueFlow`,
    /// four batched writes. Call it inside the transaction that wrote their rows.
    public static func refresh(issueKeys: [String], on connection: PostgresConnection) throws(PostgresError) {
        guard !issueKeys.isEmpty else { return }
        // Key order: concurrent writers lock the figures rows in the same order.
        let keys = Array(Set(issueKeys)).sorted()
        _ = try connection.run(FlowFigureSQL.lock)
        let issues = try FlowIssueHistory.read(keys, on: connection)
        var shares = try DayShares.stored(keys, on: connection)

        var figures = FigureColumns(capacity: issues.count)
        var seconds = StatusSecondsColumns()
        for issue in issues {
            let flow = issue.flow
            figures.append(issue, flow)
            if let doneAt = flow.doneAt { shares.append(doneAt, status: nil, sign: 1, 0) }
            for (status, value) in flow.secondsInStatus.sorted(by: { $0.key < $1.key }) {
                let milliseconds = Int64((value * 1000).rounded())
                if let doneAt = flow.doneAt, flow.isTrusted { shares.append(doneAt, status: status, sign: 1, milliseconds) }
                seconds.issueKeys.append(issue.issueKey)
                seconds.statuses.append(status)
                seconds.milliseconds.append(milliseconds)
                seconds.doneAt.append(flow.doneAt)
                seconds.trusted.append(flow.isTrusted)
            }
        }
        _ = try connection.run(FlowFigureSQL.upsertFigures, [keys] + figures.parameters)
        _ = try connection.run(FlowFigureSQL.clearStatusSeconds, [keys])
        if !seconds.issueKeys.isEmpty {
            _ = try connection.run(FlowFigureSQL.insertStatusSeconds, seconds.parameters)
        }
        if !shares.doneAt.isEmpty {
            _ = try connection.run(FlowFigureSQL.addDayShares, shares.parameters)
        }
    }

    /// The parameters of `FlowFigureSQL.addDayShares`: the issues' old shares taken out (−1),
    /// their new ones added (+1).
    struct DayShares {
        var doneAt: [Date] = []
        var status: [String?] = []
        var sign: [Int] = []
        var milliseconds: [Int64] = []

        /// The shares of `keys`' issues as stored, to be taken out.
        static func stored(_ keys: [String], on connection: PostgresConnection) throws(PostgresError) -> DayShares {
            var shares = DayShares()
            try connection.run(FlowFigureSQL.dayShares, [keys]) { view throws(PostgresError) in
                for row in 0..<view.rowCount {
                    shares.append(try view.required(view.timestamp(row, 0), 0), status: view.string(row, 1), sign: -1,
                                  try view.required(view.int64(row, 2), 2))
                }
            }
            return shares
        }

        mutating func append(_ date: Date, status: String?, sign: Int, _ value: Int64) {
            doneAt.append(date)
            self.status.append(status)
            self.sign.append(sign)
            milliseconds.append(value)
        }

        var parameters: [any PostgresEncodable] { [doneAt, status, sign, milliseconds] }
    }

    /// The parameters `$2…$12` of `FlowFigureSQL.upsertFigures`, one array per column.
    struct FigureColumns {
        var issueKeys: [String] = []
        var createdAt: [Date?] = []
        var firstInProgressAt: [Date?] = []
        var doneAt: [Date?] = []
        var cycleSeconds: [Double?] = []
        var leadSeconds: [Double?] = []
        var reopenCount: [Int] = []
        /// Array literals of the problems' codes (one code however often it occurs).
        var problems: [String] = []
        var assignee: [String?] = []
        var assigneeMemberID: [String?] = []
        var issueTypeID: [Int32?] = []

        init(capacity: Int) { issueKeys.reserveCapacity(capacity) }

        mutating func append(_ issue: FlowIssueHistory, _ flow: IssueFlow) {
            issueKeys.append(issue.issueKey)
            createdAt.append(issue.createdAt)
            firstInProgressAt.append(flow.firstInProgressAt)
            doneAt.append(flow.doneAt)
            cycleSeconds.append(flow.cycleSeconds)
            leadSeconds.append(flow.leadSeconds)
            reopenCount.append(flow.reopenCount)
            problems.append("{" + Set(flow.problems.map(\.code)).sorted().joined(separator: ",") + "}")
            assignee.append(issue.assignee)
            assigneeMemberID.append(issue.assigneeMemberID)
            issueTypeID.append(issue.issueTypeID)
        }

        var parameters: [any PostgresEncodable] {
            [issueKeys, createdAt, firstInProgressAt, doneAt, cycleSeconds, leadSeconds, reopenCount, problems, assignee,
             assigneeMemberID, issueTypeID]
        }
    }

    /// The parameters of `FlowFigureSQL.insertStatusSeconds`, one array per column.
    struct StatusSecondsColumns {
        var issueKeys: [String] = []
        var statuses: [String] = []
        var milliseconds: [Int64] = []
        var doneAt: [Date?] = []
        var trusted: [Bool] = []

        var parameters: [any PostgresEncodable] { [issueKeys, statuses, milliseconds, doneAt, trusted] }
    }
}
