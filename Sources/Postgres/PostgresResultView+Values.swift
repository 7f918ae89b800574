import CLibPQ
import FoundationEssentials

/// Typed cells of a result read in place, for row decoders of thousands of rows: integers and
/// timestamps read from libpq's bytes, in the text format or the binary one
/// (`run(prepared:binaryResults:reading:)`), without a `String` per cell first. Each returns nil
/// for NULL and throws `typeMismatch`, naming the column, for a cell that is not of its type.
extension PostgresResultView {
    /// The column's name as the statement returned it, for errors.
    public func columnName(_ column: Int) -> String {
        String(cString: PQfname(result, Int32(column)))
    }

    /// Text cells are the same bytes in both formats.
    public func string(_ row: Int, _ column: Int) -> String? {
        cell(row, column).map { String(decoding: $0, as: UTF8.self) }
    }

    public func int64(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        guard let bytes = cell(row, column) else { return nil }
        if isBinary(column) {
            guard type(column) == PostgresTypeOID.int8, bytes.count == 8 else { throw mismatch(row, column, "bigint") }
            return Self.bigEndian(bytes)
        }
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
        if isBinary(column) {
            guard type(column) == PostgresTypeOID.bool, bytes.count == 1 else { throw mismatch(row, column, "boolean") }
            return bytes[0] != 0
        }
        switch bytes.count == 1 ? bytes[0] : 0 {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw mismatch(row, column, "boolean")
        }
    }

    /// A timestamptz as the server prints it (connections run with TimeZone=UTC), or its binary
    /// microseconds since 2000-01-01 UTC, made into the same `Date` as the printed text gives.
    public func timestamp(_ row: Int, _ column: Int) throws(PostgresError) -> Date? {
        guard let bytes = cell(row, column) else { return nil }
        if isBinary(column) {
            guard type(column) == PostgresTypeOID.timestamptz, bytes.count == 8,
                  let date = PostgresTimestamp.date(microsecondsSince2000: Self.bigEndian(bytes)) else {
                throw mismatch(row, column, "timestamptz")
            }
            return date
        }
        guard let date = PostgresTimestamp.parse(utf8: bytes) else { throw mismatch(row, column, "timestamptz") }
        return date
    }

    /// A one-dimensional text array (`{}`, the usual value, read without parsing); a NULL
    /// element is an error, as in `PostgresRow.get`.
    public func textArray(_ row: Int, _ column: Int) throws(PostgresError) -> [String]? {
        guard let bytes = cell(row, column) else { return nil }
        let items: [String?]?
        if isBinary(column) {
            items = type(column) == PostgresTypeOID.textArray ? Self.binaryArray(bytes) : nil
        } else if bytes.count == 2, bytes[0] == UInt8(ascii: "{"), bytes[1] == UInt8(ascii: "}") {
            items = []
        } else {
            items = PostgresArrayLiteral.parse(String(decoding: bytes, as: UTF8.self))
        }
        guard let items else { throw mismatch(row, column, "text[]") }
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

    private func isBinary(_ column: Int) -> Bool { PQfformat(result, Int32(column)) == 1 }

    private func type(_ column: Int) -> UInt32 { UInt32(PQftype(result, Int32(column))) }

    private func mismatch(_ row: Int, _ column: Int, _ type: String) -> PostgresError {
        let shown = isBinary(column)
            ? "\(bytes(row, column).count) binary bytes"
            : "'" + String(decoding: bytes(row, column).prefix(40), as: UTF8.self) + "'"
        return PostgresError(code: .typeMismatch, message: "column \(columnName(column)): cannot read \(shown) as \(type)")
    }

    private static func bigEndian(_ bytes: some Collection<UInt8>) -> Int64 {
        Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// The binary array format: dimensions, a NULL flag, the element type, each dimension's size
    /// and lower bound, then each element as a length (-1: NULL) and its bytes. nil for anything
    /// but one dimension (or none: the empty array) or a cut-short cell.
    private static func binaryArray(_ bytes: UnsafeBufferPointer<UInt8>) -> [String?]? {
        var position = 0
        func int32() -> Int32? {
            guard position + 4 <= bytes.count else { return nil }
            defer { position += 4 }
            return Int32(truncatingIfNeeded: bigEndian(bytes[position..<position + 4]))
        }
        guard let dimensions = int32(), int32() != nil, int32() != nil else { return nil }
        if dimensions == 0 { return position == bytes.count ? [] : nil }
        guard dimensions == 1, let count = int32(), count >= 0, int32() != nil else { return nil }
        var items: [String?] = []
        items.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = int32() else { return nil }
            if length < 0 {
                items.append(nil)
                continue
            }
            guard position + Int(length) <= bytes.count else { return nil }
            items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + Int(length)]), as: UTF8.self))
            position += Int(length)
        }
        return position == bytes.count ? items : nil
    }
}

/// The type OIDs the typed readers accept in the binary format (pg_type.dat).
enum PostgresTypeOID {
    static let bool: UInt32 = 16
    static let int8: UInt32 = 20
    static let timestamptz: UInt32 = 1184
    static let textArray: UInt32 = 1009
}
