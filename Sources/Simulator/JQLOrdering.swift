/// The ORDER BY of a query, always completed by `key ASC` so that every issue has a unique
/// position: paging continues after the last returned position, not at an offset, so it stays
/// stable while issues are added, edited or deleted between pages.
public struct JQLOrdering: Sendable, Equatable {
    public var items: [JQLOrder]

    /// Without ORDER BY the simulator orders by key ascending.
    public init(_ orderBy: [JQLOrder]) {
        var items = orderBy
        if !items.contains(where: { $0.field == .key }) { items.append(JQLOrder(field: .key, descending: false)) }
        self.items = items
    }

    /// A comparable position: per item, a key (project, number) or an instant (nil = no value).
    public enum Component: Sendable, Equatable {
        case key(JiraKey)
        case instant(Int64?)
    }

    public func position(of issue: SimJiraIssue) -> [Component] {
        items.map { item in
            switch item.field {
            case .created: .instant(issue.created)
            case .resolved: .instant(issue.resolved)
            case .key: .key(JiraKey(project: issue.project, number: issue.number))
            default: .instant(issue.updated)
            }
        }
    }

    /// True when `lhs` comes strictly before `rhs`. Empty values sort last in ascending order.
    public func precedes(_ lhs: [Component], _ rhs: [Component]) -> Bool {
        for (index, item) in items.enumerated() where index < lhs.count && index < rhs.count {
            let order = Self.compare(lhs[index], rhs[index])
            if order != 0 { return item.descending ? order > 0 : order < 0 }
        }
        return false
    }

    private static func compare(_ lhs: Component, _ rhs: Component) -> Int {
        switch (lhs, rhs) {
        case (.key(let a), .key(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.instant(let a), .instant(let b)):
            switch (a, b) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?): return x == y ? 0 : (x < y ? -1 : 1)
            }
        default: return 0
        }
    }

    /// The token for "continue after this position" (opaque to clients), bound to the query text.
    public func token(after position: [Component], query: String) -> String {
        let parts = position.map { component -> String in
            switch component {
            case .key(let key): "k:\(key.text)"
            case .instant(let ms): "t:\(ms.map(String.init) ?? "-")"
            }
        }
        let plain = ([Self.fingerprint(query)] + parts).joined(separator: "|")
        return Base64URL.encode(Array(plain.utf8))
    }

    /// The position a token names; nil when it is malformed or belongs to another query.
    public func position(fromToken token: String, query: String) -> [Component]? {
        guard let bytes = Base64URL.decode(token), let plain = String(validating: bytes, as: UTF8.self) else { return nil }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == items.count + 1, parts[0] == Self.fingerprint(query) else { return nil }
        var result: [Component] = []
        for part in parts.dropFirst() {
            if part.hasPrefix("k:"), let key = JiraKey(String(part.dropFirst(2))) {
                result.append(.key(key))
            } else if part == "t:-" {
                result.append(.instant(nil))
            } else if part.hasPrefix("t:"), let ms = Int64(part.dropFirst(2)) {
                result.append(.instant(ms))
            } else {
                return nil
            }
        }
        return result
    }

    /// FNV-1a of the query text, so a token cannot be replayed against another query.
    static func fingerprint(_ query: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in query.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Unpadded base64url, for page tokens.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for offset in 0...chunk.count { out.append(alphabet[Int(value >> (18 - 6 * offset) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var lookup = [UInt8: UInt32]()
        for (index, char) in alphabet.enumerated() { lookup[char] = UInt32(index) }
        let chars = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            let chunk = chars[index..<min(index + 4, chars.count)]
            guard chunk.count >= 2 else { return nil }
            var value: UInt32 = 0
            for (offset, char) in chunk.enumerated() {
                guard let digit = lookup[char] else { return nil }
                value |= digit << (18 - 6 * offset)
            }
            for offset in 0..<(chunk.count - 1) { out.append(UInt8(value >> (16 - 8 * offset) & 0xFF)) }
            index += 4
        }
        return out
    }
}
