import Postgres
import WorkSupportCore

extension StagedReload {
    /// The snapshot into `issues` with the writer's guard. Isolating refusals, a refused upsert is
    /// rolled back to a savepoint and retried over halves of the staged keys until each refused
    /// row stands alone (`BatchBisection`); those rows stay out, with the server's reason.
    func upsertSnapshot(on connection: PostgresConnection,
                        isolatingRefusals: Bool) throws -> (PostgresRowsSummary, [IssueRejection]) {
        guard isolatingRefusals else {
            return (try IssueBatchTable.tally(try connection.query(IssueWriteSQL.upsertStaged, [runID])), [])
        }
        do {
            return (try Self.inSavepoint(connection) {
                try IssueBatchTable.tally(try connection.query(IssueWriteSQL.upsertStaged, [runID]))
            }, [])
        } catch let error as PostgresError where error.isRefusalOfData {
            let keys: [String] = try connection.query(Self.stagedKeys, [runID]).map { try $0.get("issue_key") }
            var returned = PostgresRowsSummary()
            let rejections = try BatchBisection.isolate(keys[...], failure: error, write: { piece in
                let part = try Self.inSavepoint(connection) {
                    try IssueBatchTable.tally(try connection.query(IssueWriteSQL.upsertStagedKeys, [runID, Array(piece)]))
                }
                returned.inserted += part.inserted
                returned.updated += part.updated
            }, isItemFailure: { ($0 as? PostgresError)?.isRefusalOfData == true })
            return (returned, rejections.map { IssueRejection(issueKey: $0.item, failure: $0.failure) })
        }
    }

    static let stagedKeys = "SELECT issue_key FROM issues_staging WHERE run_id = $1 ORDER BY issue_key"

    /// `body` inside the open transaction, undone alone when it fails.
    static func inSavepoint<T>(_ connection: PostgresConnection, _ body: () throws -> T) throws -> T {
        try connection.execute("SAVEPOINT staged_upsert")
        do {
            let result = try body()
            try connection.execute("RELEASE SAVEPOINT staged_upsert")
            return result
        } catch {
            try connection.execute("ROLLBACK TO SAVEPOINT staged_upsert")
            throw error
        }
    }
}

/// Keys a reload refused while staging, kept across the value copies of its `StagedReload`.
final class RefusedKeys: @unchecked Sendable {
    var keys: [String] = []
}
