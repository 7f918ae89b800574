import CLibPQ
import Glibc

/// A result read in place: cells are libpq's own bytes, not copied into Swift strings. For
/// results of thousands of rows that go straight into a response (a 5k-issue release), where a
/// `String` per cell cost more than the serialization. Valid only inside the closure that
/// receives it (`PostgresConnection.run(prepared:_:reading:)`), which frees the result after.
public struct PostgresResultView {
    let result: OpaquePointer

    public var rowCount: Int { Int(PQntuples(result)) }
    public var columnCount: Int { Int(PQnfields(result)) }

    public func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(result, Int32(row), Int32(column)) == 1
    }

    /// The cell's text (UTF-8, without a terminator); empty for NULL, so check `isNull` where
    /// the two differ.
    public func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        let start = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(column))!)
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// The cell's text, nil for NULL (asking libpq whether it is NULL only when it is empty).
    public func cell(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8>? {
        let text = bytes(row, column)
        return text.isEmpty && isNull(row, column) ? nil : text
    }

    /// The row numbers ordered by the cells of `column` in byte order (PostgreSQL's "C"
    /// collation): rows sorted here rather than by the database, where sorting wide rows cost more.
    public func rowsInByteOrder(of column: Int) -> [Int] {
        let cells = (0..<rowCount).map { bytes($0, column) }
        return cells.indices.sorted { Self.precedes(cells[$0], cells[$1]) }
    }

    /// Whether `left` sorts before `right` in byte order.
    public static func precedes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(left.count, right.count)
        let compared = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
        return compared != 0 ? compared < 0 : left.count < right.count
    }

    /// Whether `left` and `right` hold the same bytes.
    public static func sameBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
    }
}

extension PostgresConnection {
    /// Executes a prepared statement and hands its result to `body` without copying it out.
    /// `binaryResults`: cells in PostgreSQL's binary format, for the typed readers (no timestamp
    /// or number printed by the server and parsed here).
    public func run<R>(prepared name: String, _ parameters: [any PostgresEncodable] = [], binaryResults: Bool = false,
                       reading body: (PostgresResultView) throws(PostgresError) -> R) throws(PostgresError) -> R {
        let result = try execute(prepared: name, parameters, binaryResults: binaryResults)
        defer { PQclear(result) }
        return try body(PostgresResultView(result: result))
    }
}
