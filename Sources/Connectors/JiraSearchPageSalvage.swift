import JSON

/// A Jira search answer whose JSON does not parse as a whole, read item by item: one issue that
/// cannot be read (bytes that are not UTF-8, broken syntax) costs that issue, not its page, and
/// an answer cut short keeps the issues it holds in full. Used only after the whole failed.
enum JiraSearchPageSalvage {
    /// The page with its readable issues, and one `unreadable` entry per issue that is not (with
    /// its key when one can be found) or for the page when it was cut (then it is the last page).
    /// nil when there is no `issues` array to read.
    static func salvage(_ body: [UInt8], describingPage page: String) -> JiraSearchPage? {
        guard let array = issuesArray(in: body) else { return nil }
        var issues: [JSONValue] = []
        var unreadable: [JiraUnreadableItem] = []
        for range in array.elements {
            let bytes = Array(body[range])
            do {
                issues.append(try JSONValue.parseStorable(bytes))
            } catch {
                unreadable.append(JiraUnreadableItem(itemKey: key(in: bytes), reason: "the issue's JSON cannot be read: \(error.message)"))
            }
        }
        guard let end = array.end else {
            unreadable.append(JiraUnreadableItem(itemKey: page, reason:
                "the answer was cut after \(array.elements.count) complete issue(s); the query's later pages were not fetched"))
            return JiraSearchPage(issues: issues, nextPageToken: nil, isLast: true, unreadable: unreadable)
        }
        // The envelope without the issues: nextPageToken and isLast.
        let envelope = try? JSONValue.parseStorable(Array(body[..<array.start]) + Array("[]".utf8) + Array(body[(end + 1)...]))
        guard let envelope else {
            unreadable.append(JiraUnreadableItem(itemKey: page, reason: "the answer around the issues cannot be read; the query's later pages were not fetched"))
            return JiraSearchPage(issues: issues, nextPageToken: nil, isLast: true, unreadable: unreadable)
        }
        let next = envelope["nextPageToken"]?.stringValue
        return JiraSearchPage(issues: issues, nextPageToken: next, isLast: envelope["isLast"]?.boolValue ?? (next == nil),
                              unreadable: unreadable)
    }

    /// Where the top-level `issues` array starts (its `[`), its elements' byte ranges, and where
    /// it ends (its `]`, nil when the text stops first). Strings are skipped as JSON spells them.
    static func issuesArray(in body: [UInt8]) -> (start: Int, elements: [Range<Int>], end: Int?)? {
        var depth = 0
        var index = 0
        var lastString: Range<Int>?
        while index < body.count {
            switch body[index] {
            case UInt8(ascii: "\""):
                let end = stringEnd(body, from: index)
                lastString = index..<min(end + 1, body.count)
                index = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 1, body[index] == UInt8(ascii: "["), let name = lastString,
                   body[name].elementsEqual(Array(#""issues""#.utf8)) {
                    return elements(of: body, from: index)
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            default:
                break
            }
            index += 1
        }
        return nil
    }

    private static func elements(of body: [UInt8], from start: Int) -> (start: Int, elements: [Range<Int>], end: Int?) {
        var ranges: [Range<Int>] = []
        var depth = 0
        var elementStart = start + 1
        var index = start + 1
        while index < body.count {
            switch body[index] {
            case UInt8(ascii: "\""):
                index = stringEnd(body, from: index) + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    if hasContent(body, elementStart..<index) { ranges.append(elementStart..<index) }
                    return (start, ranges, index)
                }
                depth -= 1
                if depth == 0 {
                    ranges.append(elementStart..<index + 1)
                    elementStart = index + 1
                }
            case UInt8(ascii: ","):
                if depth == 0 { elementStart = index + 1 }
            default:
                break
            }
            index += 1
        }
        return (start, ranges, nil)
    }

    /// The index of the quote closing the string that opens at `start` (body.count when cut).
    private static func stringEnd(_ body: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < body.count {
            if body[index] == UInt8(ascii: "\\") { index += 2; continue }
            if body[index] == UInt8(ascii: "\"") { return index }
            index += 1
        }
        return body.count
    }

    private static func hasContent(_ body: [UInt8], _ range: Range<Int>) -> Bool {
        body[range].contains { ![UInt8(ascii: " "), 9, 10, 13].contains($0) }
    }

    /// The first `"key":"…"` of an item: Jira writes the issue's own key before its fields.
    static func key(in item: [UInt8]) -> String? {
        let marker = Array(#""key":""#.utf8)
        guard item.count > marker.count else { return nil }
        for start in 0...(item.count - marker.count) where item[start..<(start + marker.count)].elementsEqual(marker) {
            let valueStart = start + marker.count
            guard let end = item[valueStart...].firstIndex(of: UInt8(ascii: "\"")), end - valueStart <= 100 else { return nil }
            return String(validating: item[valueStart..<end], as: UTF8.self)
        }
        return nil
    }
}

/// An issue of a search answer that could not be read, or the page itself when it was cut.
public struct JiraUnreadableItem: Sendable, Equatable {
    /// The issue's key, or the page's description; nil when neither is known.
    public var itemKey: String?
    public var reason: String
}
