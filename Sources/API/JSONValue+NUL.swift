import JSON

extension JSONValue {
    /// The value with every U+0000 in its strings replaced by U+FFFD. `\u0000` is valid JSON, but
    /// PostgreSQL's jsonb and text cannot hold it: a delivery carrying one would fail to store
    /// (500) instead of being stored with the character replaced. (The parser already refuses a
    /// NUL in a member name.)
    func replacingNUL() -> JSONValue {
        switch self {
        case .string(let text) where text.unicodeScalars.contains("\u{0}"):
            return .string(Self.replacingNUL(text))
        case .array(let items):
            return .array(items.map { $0.replacingNUL() })
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, $0.value.replacingNUL()) }))
        default:
            return self
        }
    }

    /// Whether `body` may hold an escaped NUL (`\u0000`), so the cheap case skips the walk.
    static func mayContainNUL(_ body: [UInt8]) -> Bool {
        let escape = Array(#"\u0000"#.utf8)
        guard body.count >= escape.count else { return false }
        return (0...(body.count - escape.count)).contains { start in
            body[start] == escape[0] && body[start..<start + escape.count].elementsEqual(escape)
        }
    }

    private static func replacingNUL(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}
