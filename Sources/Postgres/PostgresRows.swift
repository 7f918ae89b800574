/// The rows a statement returned, copied out of libpq into Swift values.
public struct PostgresRows: Sendable, Sequence {
    public let columns: [String]
    public let rows: [PostgresRow]
    /// From the command tag: rows inserted/updated/deleted/selected/copied.
    public let affectedRows: Int

    public var count: Int { rows.count }
    public var first: PostgresRow? { rows.first }
    public func makeIterator() -> IndexingIterator<[PostgresRow]> { rows.makeIterator() }
    public subscript(index: Int) -> PostgresRow { rows[index] }
}

/// One row; read columns by name or position into any `PostgresDecodable` type
/// (`let key: String = try row.get("issue_key")`, `let parent: String? = try row.get("parent_key")`).
public struct PostgresRow: Sendable {
    let columnIndex: [String: Int]
    let columnNames: [String]
    /// Text form of each cell; nil is SQL NULL.
    public let cells: [String?]

    public func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = columnIndex[column] else {
            throw PostgresError(code: .columnNotFound, message: "no column '\(column)' in result")
        }
        return try T.decode(postgresText: cells[index], column: column)
    }

    public func get<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard cells.indices.contains(index) else {
            throw PostgresError(code: .columnNotFound, message: "no column #\(index) in result")
        }
        return try T.decode(postgresText: cells[index], column: columnNames[index])
    }

    public func isNull(_ column: String) -> Bool {
        guard let index = columnIndex[column] else { return true }
        return cells[index] == nil
    }
}
