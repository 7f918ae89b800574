/// The `key=value` lines of a properties file, before any key is interpreted.
///
/// Blank lines and lines starting with `#` or `!` are comments. An inline comment starts at a `#`
/// preceded by whitespace; `\#` is a literal `#`. Line continuations are not supported.
struct PropertiesDocument: Sendable {
    struct Entry: Sendable, Hashable {
        var key: String
        var value: String
        var line: Int
    }

    /// First occurrence of each key, in file order; repeated keys are reported, not kept.
    private(set) var entries: [Entry] = []
    /// Malformed lines and duplicate keys, in line order.
    private(set) var errors: [ConfigError] = []

    init(parsing text: String, file: String) {
        var firstLineOfKey: [String: Int] = [:]
        // `isNewline` treats "\r\n" as one Character, so CRLF files number their lines correctly.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if index == 0, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let content = line.trimmingWhitespace()
            if content.isEmpty || content.first == "#" || content.first == "!" { continue }

            guard let equals = content.firstIndex(of: "=") else {
                errors.append(ConfigError(
                    code: .malformedLine, file: file, line: lineNumber, key: nil,
                    message: "malformed line, expected 'key=value': '\(content)'"))
                continue
            }
            let key = String(content[..<equals].trimmingWhitespace())
            guard !key.isEmpty else {
                errors.append(ConfigError(
                    code: .malformedLine, file: file, line: lineNumber, key: nil,
                    message: "malformed line, the key before '=' is empty: '\(content)'"))
                continue
            }
            if let firstLine = firstLineOfKey[key] {
                errors.append(ConfigError(
                    code: .duplicateKey, file: file, line: lineNumber, key: key,
                    message: "duplicate key '\(key)' (first set on line \(firstLine))"))
                continue
            }
            firstLineOfKey[key] = lineNumber
            let value = Self.valueWithoutComment(content[content.index(after: equals)...])
            entries.append(Entry(key: key, value: value, line: lineNumber))
        }
    }

    /// Cuts an inline comment and resolves `\#`, then trims surrounding whitespace.
    private static func valueWithoutComment(_ raw: Substring) -> String {
        var value = ""
        var previous: Character? = nil
        var index = raw.startIndex
        while index < raw.endIndex {
            let character = raw[index]
            let next = raw.index(after: index)
            if character == "\\", next < raw.endIndex, raw[next] == "#" {
                value.append("#")
                previous = "#"
                index = raw.index(after: next)
                continue
            }
            if character == "#", previous?.isWhitespace ?? false { break }
            value.append(character)
            previous = character
            index = next
        }
        return String(value.trimmingWhitespace())
    }
}
