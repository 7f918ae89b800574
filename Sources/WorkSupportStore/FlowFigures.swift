import FoundationEssentials
import Postgres
import WorkSupportCore

/// Keeps `issue_flow_figures`, `issue_status_seconds` and their day sums (migrations 0024, 0029)
/// equal to what the gold views compute from scratch. Every writer of what the figures come from
/// (transitions, history marks, a Jira issue's row) marks the issues it touched stale inside its
/// own transaction (`markStale`), so the mark commits or rolls back with the rows, and calls
/// `refreshStale` for them once that transaction has committed. The figures are gold, computed from
/// silver only: their own transaction keeps the writers' short, and a refresh that fails leaves
/// its marks for `refreshEveryStale`, which every Jira harvest runs. No trigger: the writers are
/// few and a trigger is one more thing an operator must keep on.
public enum FlowFigures {
    /// Issues a refresh takes at a time.
    public static let batchSize = 1000

    /// Inside the writer's transaction: `issueKeys`' figures are to be recomputed.
    public static func markStale(issueKeys: [String], on connection: PostgresConnection) throws(PostgresError) {
        guard !issueKeys.isEmpty else { return }
        // Key order: concurrent writers and refreshes lock the marks in the same order.
        _ = try connection.run(FlowFigureSQL.markStale, [Array(Set(issueKeys)).sorted()])
    }

    /// After the writer's commit: recomputes the figures of those of `issueKeys` still marked
    /// stale (another refresh may have taken some) and clears their marks, a transaction per
    /// batch. Returns how many it recomputed.
    @discardableResult
    public static func refreshStale(issueKeys: [String], on connection: PostgresConnection) throws(StoreError) -> Int {
        let keys = Array(Set(issueKeys)).sorted()
        var refreshed = 0, start = 0
        while start < keys.count {
            let batch = Array(keys[start..<min(keys.count, start + batchSize)])
            start += batch.count
            refreshed += try refreshClaimed(among: batch, on: connection)
        }
        return refreshed
    }

    /// Every issue still marked stale (a refresh that failed after its writer committed), a batch
    /// at a time. Returns how many it recomputed.
    @discardableResult
    public static func refreshEveryStale(on connection: PostgresConnection) throws(StoreError) -> Int {
        var refreshed = 0
        while true {
            let claimed = try refreshClaimed(among: nil, on: connection)
            refreshed += claimed
            if claimed < batchSize { return refreshed }
        }
    }

    /// One transaction: under the advisory lock, takes the marks of up to a batch of stale issues
    /// among `keys` (nil: any) and recomputes their figures.
    private static func refreshClaimed(among keys: [String]?, on connection: PostgresConnection) throws(StoreError) -> Int {
        try storeCall {
            try connection.transaction { connection in
                _ = try connection.run(FlowFigureSQL.lock)
                let claim = if let keys {
                    try connection.run(FlowFigureSQL.claimStaleAmong, [keys])
                } else {
                    try connection.run(FlowFigureSQL.claimAnyStale, [batchSize])
                }
                let claimed = try claim.map { try $0.get("issue_key", as: String.self) }
                try recompute(claimed.sorted(), on: connection)
                return claimed.count
            }
        }
    }

    /// Recomputes the figures of `keys` (sorted, distinct; keys that are no Jira issue lose
    /// theirs): one read of their histories and one of their shares in the day sums, the figures
    /// by `IssueFlow`, four batched writes. Under the advisory lock, in the claiming transaction.
    static func recompute(_ keys: [String], on connection: PostgresConnection) throws(PostgresError) {
        guard !keys.isEmpty else { return }
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
