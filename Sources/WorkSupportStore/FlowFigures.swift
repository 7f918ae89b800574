import Postgres

/// Keeps `issue_flow_figures`, `issue_status_seconds` and their day sums (migration 0024) equal to
/// what the gold views compute from scratch. Every writer of what the figures come from (transitions, history
/// marks, a Jira issue's row) calls `refresh` for the issues it touched inside its own
/// transaction, so the figures commit or roll back with the rows they are computed from. No
/// trigger: the writers are few and a trigger is one more thing an operator must keep on.
public enum FlowFigures {
    /// Recomputes the figures of `issueKeys` (keys that are no Jira issue lose theirs). Call it
    /// inside the transaction that wrote their rows.
    public static func refresh(issueKeys: [String], on connection: PostgresConnection) throws(PostgresError) {
        guard !issueKeys.isEmpty else { return }
        // Key order: concurrent writers lock the figures rows in the same order.
        let keys = Array(Set(issueKeys)).sorted()
        _ = try connection.run(FlowFigureSQL.lock)
        _ = try connection.run(FlowFigureSQL.applyToDays, [keys, -1])
        _ = try connection.run(FlowFigureSQL.refreshFigures, [keys])
        _ = try connection.run(FlowFigureSQL.clearStatusSeconds, [keys])
        _ = try connection.run(FlowFigureSQL.insertStatusSeconds, [keys])
        _ = try connection.run(FlowFigureSQL.applyToDays, [keys, 1])
    }
}
