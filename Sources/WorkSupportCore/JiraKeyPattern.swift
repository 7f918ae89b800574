/// Jira issue keys (`PROJ-123`), matched by hand: this runs over every GitHub title and body.
public enum JiraKeyPattern {
    /// Whether `text` is exactly a key, `[A-Z][A-Z0-9_]*-[0-9]+`: what may go into generated JQL.
    public static func isValidKey(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let end = matchLength(in: bytes, at: 0, minimumProjectLength: 1) else { return false }
        return end == bytes.count
    }

    /// The first `[A-Z][A-Z0-9_]+-[0-9]+` in `text` (leftmost, greedy, as a regex would find it).
    public static func firstKey(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            if isUpper(bytes[start]), let end = matchLength(in: bytes, at: start, minimumProjectLength: 2) {
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            start += 1
        }
        return nil
    }

    /// The end index of a key starting at `start`, or nil.
    private static func matchLength(in bytes: [UInt8], at start: Int, minimumProjectLength: Int) -> Int? {
        guard start < bytes.count, isUpper(bytes[start]) else { return nil }
        var index = start + 1
        while index < bytes.count, isUpper(bytes[index]) || isDigit(bytes[index]) || bytes[index] == 95 {
            index += 1
        }
        guard index - start >= minimumProjectLength, index < bytes.count, bytes[index] == 45 else { return nil }
        index += 1
        let numberStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index > numberStart ? index : nil
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
