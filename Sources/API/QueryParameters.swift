import FoundationEssentials
import Postgres

/// A decoded query string: `+` is a space, `%XX` is a byte, a name may repeat. Accessors check
/// each value and throw a 400 naming the parameter.
public struct QueryParameters: Sendable, Equatable {
    public private(set) var pairs: [(name: String, value: String)] = []

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }

    public init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Parses `a=1&b=x+y&a=2`. Empty segments are skipped; `flag` alone has the value "".
    public init(parsing rawQuery: String) throws(APIError) {
        for segment in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            guard let name = PercentDecoding.decode(rawName, plusIsSpace: true) else {
                throw APIError.invalid(rawName, "malformed percent-encoding in the parameter name")
            }
            let rawValue = parts.count > 1 ? String(parts[1]) : ""
            guard let value = PercentDecoding.decode(rawValue, plusIsSpace: true) else {
                throw APIError.invalid(name, "malformed percent-encoding (use %XX with two hex digits, as UTF-8; no %00)")
            }
            pairs.append((name, value))
        }
    }

    /// Refuses names outside `allowed`, so a typo (`assigne=`) is not silently ignored.
    public func requireOnly(_ allowed: Set<String>) throws(APIError) {
        if let unknown = pairs.first(where: { !allowed.contains($0.name) }) {
            throw APIError.unknownParameter(unknown.name, allowed: allowed)
        }
    }

    /// Every value of `name`, in order; each must be non-empty.
    public func all(_ name: String) throws(APIError) -> [String] {
        let values = pairs.filter { $0.name == name }.map(\.value)
        if values.contains(where: \.isEmpty) { throw APIError.invalid(name, "must not be empty") }
        return values
    }

    /// The single value of `name`, nil when absent; repeating it is an error.
    public func single(_ name: String) throws(APIError) -> String? {
        let values = try all(name)
        guard values.count <= 1 else { throw APIError.invalid(name, "give it at most once") }
        return values.first
    }

    public func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = try single(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.invalid(name, "must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text.prefix(40))'")
        }
        return value
    }

    public func oneOf(_ name: String, _ allowed: [String]) throws(APIError) -> String? {
        guard let text = try single(name) else { return nil }
        guard allowed.contains(text) else {
            throw APIError.invalid(name, "must be one of \(allowed.joined(separator: ", ")), got '\(text.prefix(40))'")
        }
        return text
    }

    /// Every value of `name`, each checked against `allowed`.
    public func allOneOf(_ name: String, _ allowed: [String]) throws(APIError) -> [String] {
        let values = try all(name)
        if let bad = values.first(where: { !allowed.contains($0) }) {
            throw APIError.invalid(name, "must be one of \(allowed.joined(separator: ", ")), got '\(bad.prefix(40))'")
        }
        return values
    }

    public func boolean(_ name: String) throws(APIError) -> Bool? {
        guard let text = try single(name) else { return nil }
        return try Self.boolean(text, name: name)
    }

    static func boolean(_ text: String, name: String) throws(APIError) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.invalid(name, "must be true or false, got '\(text.prefix(40))'")
        }
    }

    /// An RFC 3339 date-time with an explicit offset (`2026-11-22T01:00:00Z`, `…+02:00`).
    public func timestamp(_ name: String) throws(APIError) -> Date? {
        guard let text = try single(name) else { return nil }
        let hasOffset = text.hasSuffix("Z") || text.hasSuffix("z")
            || text.dropFirst(19).contains(where: { $0 == "+" || $0 == "-" })
        let fields = text.prefix(19).split(whereSeparator: { "-T:t".contains($0) }).map { Int($0) ?? -1 }
        let inRange = fields.count == 6 && (1...12).contains(fields[1]) && (1...31).contains(fields[2])
            && (0...23).contains(fields[3]) && (0...59).contains(fields[4]) && (0...60).contains(fields[5])
        guard text.count >= 20, text.dropFirst(10).first.map({ $0 == "T" || $0 == "t" }) == true, hasOffset, inRange,
              let date = PostgresTimestamp.parse(text.uppercased()) else {
            throw APIError.invalid(name, "must be an RFC 3339 date-time such as 2026-11-22T01:00:00Z, got '\(text.prefix(40))'")
        }
        return date
    }
}
