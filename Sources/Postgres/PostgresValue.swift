import FoundationEssentials

/// A Swift value that can be sent as a query parameter, in PostgreSQL's text format.
/// `nil` text means SQL NULL.
public protocol PostgresEncodable: Sendable {
    var postgresText: String? { get }
}

/// A Swift value that can be read from a column in PostgreSQL's text format.
public protocol PostgresDecodable {
    /// `text` is nil for SQL NULL.
    static func decode(postgresText text: String?, column: String) throws(PostgresError) -> Self
}

/// A value that can stand inside a PostgreSQL array literal.
public protocol PostgresArrayElement: PostgresEncodable {}

/// Non-optional decodables share one NULL check.
protocol PostgresNonNullDecodable: PostgresDecodable {
    init?(postgresNonNullText text: String)
    static var postgresTypeName: String { get }
}

extension PostgresNonNullDecodable {
    public static func decode(postgresText text: String?, column: String) throws(PostgresError) -> Self {
        guard let text else {
            throw PostgresError(code: .unexpectedNull, message: "column \(column) is NULL, expected \(postgresTypeName)")
        }
        guard let value = Self(postgresNonNullText: text) else {
            throw PostgresError(code: .typeMismatch, message: "column \(column): cannot read '\(text.prefix(40))' as \(postgresTypeName)")
        }
        return value
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String?, column: String) throws(PostgresError) -> Self {
        guard let text else { return nil }
        return try Wrapped.decode(postgresText: text, column: column)
    }
}

extension String: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { self }
    init?(postgresNonNullText text: String) { self = text }
    static var postgresTypeName: String { "text" }
}

extension Int: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { String(self) }
    init?(postgresNonNullText text: String) { self.init(text) }
    static var postgresTypeName: String { "integer" }
}

extension Int64: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { String(self) }
    init?(postgresNonNullText text: String) { self.init(text) }
    static var postgresTypeName: String { "bigint" }
}

extension Int32: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { String(self) }
    init?(postgresNonNullText text: String) { self.init(text) }
    static var postgresTypeName: String { "integer" }
}

extension Double: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { "\(self)" }
    init?(postgresNonNullText text: String) { self.init(text) }
    static var postgresTypeName: String { "double precision" }
}

extension Bool: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { self ? "t" : "f" }
    init?(postgresNonNullText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
    static var postgresTypeName: String { "boolean" }
}

extension Date: PostgresArrayElement, PostgresNonNullDecodable {
    public var postgresText: String? { PostgresTimestamp.format(self) }
    init?(postgresNonNullText text: String) {
        guard let date = PostgresTimestamp.parse(text) else { return nil }
        self = date
    }
    static var postgresTypeName: String { "timestamptz" }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// Array literal `{"a","b",NULL}`: every element quoted, `"` and `\` escaped. Built as UTF-8
    /// bytes (neither byte occurs inside a multi-byte character): batches send thousands.
    public var postgresText: String? {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(count * 16 + 2)
        for element in self {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            guard let text = element.postgresText else { out.append(contentsOf: "NULL".utf8); continue }
            out.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    public static func decode(postgresText text: String?, column: String) throws(PostgresError) -> [Element] {
        guard let text else {
            throw PostgresError(code: .unexpectedNull, message: "column \(column) is NULL, expected an array")
        }
        guard let items = PostgresArrayLiteral.parse(text) else {
            throw PostgresError(code: .typeMismatch, message: "column \(column): not a one-dimensional array literal")
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items { result.append(try Element.decode(postgresText: item, column: column)) }
        return result
    }
}

/// A jsonb/json parameter or column, kept as its JSON text (the JSON module parses it).
public struct PostgresJSONText: PostgresEncodable, PostgresNonNullDecodable, Hashable {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var postgresText: String? { text }
    init?(postgresNonNullText text: String) { self.text = text }
    static var postgresTypeName: String { "json" }
}
