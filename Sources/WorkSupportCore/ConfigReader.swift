/// Reads typed values out of the resolved key/value map, collecting every problem instead of
/// stopping at the first, and recording each effective setting with its origin as it goes.
struct ConfigReader {
    struct Value: Sendable, Hashable {
        var text: String
        var origin: ConfigOrigin
    }

    /// How a string key may be given.
    enum Presence {
        /// Must be given and not empty.
        case required
        /// May be left out, but an empty value is a mistake.
        case ifGiven
        /// May be left out or empty; empty means "not set".
        case optional
        /// Falls back to this value when left out.
        case defaulted(String)
    }

    let file: String
    private(set) var values: [String: Value]
    private(set) var errors: [ConfigError] = []
    private(set) var settings: [ConfigSetting] = []

    init(file: String, values: [String: Value]) {
        self.file = file
        self.values = values
    }

    /// Keys starting with `prefix`, ordered by where they appear (file lines first, then the rest).
    func keys(withPrefix prefix: String) -> [String] {
        values.keys.filter { $0.hasPrefix(prefix) }.sorted { lhs, rhs in
            let l = values[lhs]?.origin.line ?? Int.max, r = values[rhs]?.origin.line ?? Int.max
            return l != r ? l < r : lhs < rhs
        }
    }

    mutating func report(_ code: ConfigError.Code, key: String?, line: Int?, _ message: String) {
        errors.append(ConfigError(code: code, file: file, line: line, key: key, message: message))
    }

    /// Reports a problem with a given value, naming the environment variable when it came from there.
    mutating func reportInvalid(_ code: ConfigError.Code, key: String, value: Value, _ detail: String) {
        var subject = key
        if case .environment(let name) = value.origin { subject += " (from \(name))" }
        report(code, key: key, line: value.origin.line, "\(subject): \(detail)")
    }

    mutating func reportMissing(_ key: String) {
        report(.missingRequiredKey, key: key, line: nil, "missing required key '\(key)'")
    }

    mutating func record(_ key: String, _ value: String, _ origin: ConfigOrigin) {
        settings.append(ConfigSetting(key: key, value: value, origin: origin))
    }

    /// The raw value of `key` checked against `presence`; the setting is recorded when usable.
    mutating func string(_ key: String, _ presence: Presence) -> String? {
        guard let value = lookup(key, presence) else { return nil }
        record(key, value.text, value.origin)
        return value.text
    }

    /// The value of `key` (or its default) checked against `presence`, not yet recorded, so typed
    /// readers can validate and normalize it first.
    mutating func lookup(_ key: String, _ presence: Presence) -> Value? {
        guard let value = values[key] else {
            switch presence {
            case .required: reportMissing(key)
            case .ifGiven, .optional: break
            case .defaulted(let fallback): return Value(text: fallback, origin: .default)
            }
            return nil
        }
        if value.text.isEmpty {
            if case .optional = presence { return nil }
            reportInvalid(.emptyValue, key: key, value: value, "value must not be empty")
            return nil
        }
        return value
    }

    /// A decimal integer within `range` (an upper bound of `Int.max` means "at least").
    mutating func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let value = values[key] else {
            record(key, String(fallback), .default)
            return fallback
        }
        guard let number = Int(value.text) else {
            reportInvalid(.invalidInteger, key: key, value: value, "expected an integer, got '\(value.text)'")
            return fallback
        }
        guard range.contains(number) else {
            let expected = range.upperBound == Int.max
                ? "must be at least \(range.lowerBound)"
                : "must be between \(range.lowerBound) and \(range.upperBound)"
            reportInvalid(.outOfRange, key: key, value: value, "\(expected), got \(number)")
            return fallback
        }
        record(key, String(number), value.origin)
        return number
    }
}
