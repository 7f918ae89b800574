import TextUtilities

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
