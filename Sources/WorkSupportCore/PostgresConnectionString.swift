/// The two forms libpq accepts for a connection: a `postgresql://` (or `postgres://`) URI and a
/// conninfo string of `keyword=value` pairs. Only the syntax is checked here; libpq judges the
/// keywords when it connects.
enum PostgresConnectionString {
    static let uriSchemes = ["postgresql://", "postgres://"]

    static func isURI(_ text: String) -> Bool {
        uriSchemes.contains { text.hasPrefix($0) }
    }

    static func isValid(_ text: String) -> Bool {
        if isURI(text) { return !text.contains(where: \.isWhitespace) }
        guard let pairs = conninfoPairs(text) else { return false }
        return !pairs.isEmpty
    }

    /// The text with any password replaced by `****`, safe to print.
    static func masked(_ text: String) -> String {
        isURI(text) ? maskedURI(text) : maskedConninfo(text)
    }

    /// `scheme://user:secret@host/db?password=secret` → `scheme://user:****@host/db?password=****`.
    private static func maskedURI(_ text: String) -> String {
        guard let scheme = uriSchemes.first(where: { text.hasPrefix($0) }) else { return text }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var masked = scheme
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                masked += userInfo[...colon] + "****"
            } else {
                masked += userInfo
            }
            authority = authority[at...]
        }
        masked += authority
        let tail = rest[authorityEnd...]
        guard let question = tail.firstIndex(of: "?") else { return masked + tail }
        masked += tail[...question]
        let parameters = tail[tail.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        masked += parameters.map { $0.hasPrefix("password=") ? "password=****" : String($0) }.joined(separator: "&")
        return masked
    }

    private static func maskedConninfo(_ text: String) -> String {
        guard let pairs = conninfoPairs(text) else { return text }
        var masked = text
        // Replace from the end so earlier ranges stay valid.
        for pair in pairs.reversed() where pair.keyword == "password" {
            masked.replaceSubrange(pair.valueRange, with: "****")
        }
        return masked
    }

    /// Keyword/value pairs with the range of each raw value; nil when the syntax is wrong.
    /// Values are bare (ending at whitespace) or single-quoted; a backslash escapes the next character.
    static func conninfoPairs(_ text: String) -> [(keyword: String, valueRange: Range<String.Index>)]? {
        var pairs: [(keyword: String, valueRange: Range<String.Index>)] = []
        var index = text.startIndex
        func skipWhitespace() {
            while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        }
        while true {
            skipWhitespace()
            if index == text.endIndex { return pairs }
            let keywordStart = index
            while index < text.endIndex, text[index].isLetter || text[index].isNumber || text[index] == "_" {
                index = text.index(after: index)
            }
            let keyword = String(text[keywordStart..<index])
            skipWhitespace()
            guard !keyword.isEmpty, index < text.endIndex, text[index] == "=" else { return nil }
            index = text.index(after: index)
            skipWhitespace()
            let valueStart = index
            if index < text.endIndex, text[index] == "'" {
                index = text.index(after: index)
                var closed = false
                while index < text.endIndex {
                    let character = text[index]
                    index = text.index(after: index)
                    if character == "\\" {
                        guard index < text.endIndex else { return nil }
                        index = text.index(after: index)
                    } else if character == "'" {
                        closed = true
                        break
                    }
                }
                guard closed else { return nil }
            } else {
                while index < text.endIndex, !text[index].isWhitespace {
                    if text[index] == "\\" {
                        index = text.index(after: index)
                        guard index < text.endIndex else { return nil }
                    }
                    index = text.index(after: index)
                }
            }
            pairs.append((keyword, valueStart..<index))
        }
    }
}
