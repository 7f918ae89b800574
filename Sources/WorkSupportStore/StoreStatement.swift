import Postgres

/// A named SQL constant that runs as a server-side prepared statement: prepared once per
/// connection (and again after a reconnect), then executed by name.
public struct StoreStatement: Sendable, Hashable {
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}

extension PostgresConnection {
    /// Prepares `statement` if this connection has not seen it yet, then executes it.
    func run(_ statement: StoreStatement, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> PostgresRows {
        try prepare(name: statement.name, sql: statement.sql)
        return try run(prepared: statement.name, parameters)
    }
}

extension PostgresConnection {
    /// Prepares `statement` if needed, then hands its result to `body` without copying it out.
    func run<R>(_ statement: StoreStatement, _ parameters: [any PostgresEncodable] = [], binaryResults: Bool = false,
                reading body: (PostgresResultView) throws(PostgresError) -> R) throws(PostgresError) -> R {
        try prepare(name: statement.name, sql: statement.sql)
        return try run(prepared: statement.name, parameters, binaryResults: binaryResults, reading: body)
    }
}
