import Postgres
import WorkSupportCore

/// An issue PostgreSQL refused to store although the rest of its batch went in: its key and the
/// server's reason, for a `harvest_errors` row.
public struct IssueRejection: Sendable, Equatable {
    public var issueKey: String
    public var reason: String

    public init(issueKey: String, reason: String) {
        self.issueKey = issueKey
        self.reason = reason
    }

    /// The failure of writing the issue alone, in the words `StoreError` uses.
    init(issueKey: String, failure: any Error) {
        self.init(issueKey: issueKey, reason: (failure as? PostgresError).map { StoreError($0).message } ?? "\(failure)")
    }
}

extension PostgresError {
    /// The server refused the data, not the session: a data exception (class 22, e.g. an invalid
    /// byte sequence), a constraint (23) or a limit (54, e.g. an index row too large). A smaller
    /// batch without the offending row can succeed.
    var isRefusalOfData: Bool {
        guard code == .server, let state = sqlState else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23") || state.hasPrefix("54")
    }
}

extension IssueBatchTable {
    /// `rows` (one batch in COPY form, key first) failed with `failure`: retried in halves until
    /// each refused row stands alone (`BatchBisection`); the others go through `statement`.
    static func isolateRefused(_ rows: [[String?]], failure: PostgresError, statement: String,
                               on connection: PostgresConnection,
                               each: (PostgresRowsSummary, Int) throws -> Void) throws -> [IssueRejection] {
        let rejections = try BatchBisection.isolate(rows[...], failure: failure, write: { piece in
            let result = try load(piece, then: statement, on: connection)
            try each(try tally(result), piece.count)
        }, isItemFailure: { ($0 as? PostgresError)?.isRefusalOfData == true })
        return rejections.map { IssueRejection(issueKey: $0.item.first.flatMap { $0 } ?? "", failure: $0.failure) }
    }
}
