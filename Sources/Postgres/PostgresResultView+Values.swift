import CLibPQ
import FoundationEssentials

/// Typed cells of a result read in place, for row decoders of thousands of rows: integers and
/// timestamps parsed from libpq's bytes, without a `String` per cell first. Each returns nil for
/// NULL and throws `typeMismatch`, naming the column, for text that is not of its type.
extension PostgresResultView {
    /// The column's name as the statement returned it, for errors.
    public func columnName(_ column: Int) -> String {
        String(cString: PQfname(result, Int32(column)))
    }

    public func string(_ row: Int, _ column: Int) -> String? {
        cell(row, column).map { String(decoding: $0, as: UTF8.self) }
    }

    public func int64(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        guard let bytes = cell(row, column) else { return nil }
        let negative = bytes.first == UInt8(ascii: "-")
        let digits = bytes.dropFirst(negative ? 1 : 0)
        guard !digits.isEmpty else { throw mismatch(row, column, "bigint") }
        // Accumulated towards the sign, so that Int64.min reads too.
        var value: Int64 = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit <= 9 else { throw mismatch(row, column, "bigint") }
            let (shifted, over) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = negative ? shifted.subtractingReportingOverflow(Int64(digit))
                                        : shifted.addingReportingOverflow(Int64(digit))
            guard !over, !carry else { throw mismatch(row, column, "bigint") }
            value = sum
        }
        return value
    }

    public func bool(_ row: Int, _ column: Int) throws(PostgresError) -> Bool? {
        guard let bytes = cell(row, column) else { return nil }
        switch bytes.count == 1 ? bytes[0] : 0 {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw mismatch(row, column, "boolean")
        }
    }

    /// A timestamptz as the server prints it (connections run with TimeZone=UTC).
    public func timestamp(_ row: Int, _ column: Int) throws(PostgresError) -> Date? {
        guard let bytes = cell(row, column) else { return nil }
        guard let date = PostgresTimestamp.parse(utf8: bytes) else { throw mismatch(row, column, "timestamptz") }
        return date
    }

    /// A one-dimensional text array (`{}`, the usual value, read without parsing); a NULL
    /// element is an error, as in `PostgresRow.get`.
    public func textArray(_ row: Int, _ column: Int) throws(PostgresError) -> [String]? {
        guard let bytes = cell(row, column) else { return nil }
        if bytes.count == 2, bytes[0] == UInt8(ascii: "{"), bytes[1] == UInt8(ascii: "}") { return [] }
        guard let items = PostgresArrayLiteral.parse(String(decoding: bytes, as: UTF8.self)) else {
            throw mismatch(row, column, "text[]")
        }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard let item else {
                throw PostgresError(code: .unexpectedNull, message: "column \(columnName(column)) holds a NULL element")
            }
            strings.append(item)
        }
        return strings
    }

    /// `value`, or `unexpectedNull` naming the column when the cell was NULL. Inlinable: a
    /// generic call per cell from another module would look its type up each time.
    @inlinable
    public func required<T>(_ value: T?, _ column: Int) throws(PostgresError) -> T {
        guard let value else {
            throw PostgresError(code: .unexpectedNull, message: "column \(columnName(column)) is NULL")
        }
        return value
    }

    private func mismatch(_ row: Int, _ column: Int, _ type: String) -> PostgresError {
        let text = String(decoding: bytes(row, column).prefix(40), as: UTF8.self)
        return PostgresError(code: .typeMismatch, message: "column \(columnName(column)): cannot read '\(text)' as \(type)")
    }
}
