import FoundationEssentials

/// One piece of a GitHub search split under the 1000-result cap.
public struct GitHubQueryPart: Sendable, Hashable {
    /// The `q` text, with a `created:` qualifier unless the whole query fits.
    public var text: String
    public var totalCount: Int
    /// True when even a one-second range has more results than the cap; the rest are unreachable.
    public var truncated: Bool

    public init(text: String, totalCount: Int, truncated: Bool) {
        self.text = text
        self.totalCount = totalCount
        self.truncated = truncated
    }
}

/// Splits a search whose `total_count` passes GitHub's 1000-result cap into `created:` ranges,
/// halving a range until each part fits. Pure: `count` asks the API (one request per call).
public enum GitHubResultCapSplitter {
    public static let resultCap = 1000

    /// Parts in ascending `created` order. Whole days are written as dates
    /// (`created:2020-01-01..2020-06-30`); a single day is halved further as UTC date-times.
    public static func split(query: String, createdFrom: Date, createdThrough: Date, cap: Int = resultCap,
                             count: (String) throws -> Int) rethrows -> [GitHubQueryPart] {
        let whole = try count(query)
        guard whole > cap else { return [GitHubQueryPart(text: query, totalCount: whole, truncated: false)] }

        let firstDay = floorToDay(Int64(createdFrom.timeIntervalSince1970.rounded(.down)))
        let lastSecond = floorToDay(Int64(createdThrough.timeIntervalSince1970.rounded(.down))) + day - 1
        var parts: [GitHubQueryPart] = []
        // Depth-first, left half first, so parts come out in created order.
        var pending: [(start: Int64, end: Int64)] = [(firstDay, max(firstDay + day - 1, lastSecond))]
        while let range = pending.popLast() {
            let text = "\(query) created:\(qualifier(start: range.start, end: range.end))"
            let total = try count(text)
            if total <= cap {
                parts.append(GitHubQueryPart(text: text, totalCount: total, truncated: false))
                continue
            }
            guard let (left, right) = halves(start: range.start, end: range.end) else {
                parts.append(GitHubQueryPart(text: text, totalCount: total, truncated: true))
                continue
            }
            pending.append(right)
            pending.append(left)
        }
        return parts
    }

    private static let day: Int64 = 86_400

    private static func floorToDay(_ seconds: Int64) -> Int64 {
        let remainder = seconds % day
        return seconds - (remainder < 0 ? remainder + day : remainder)
    }

    private static func isWholeDays(start: Int64, end: Int64) -> Bool {
        floorToDay(start) == start && floorToDay(end + 1) == end + 1
    }

    /// Splits on a day boundary while the range spans several days, else at the middle second.
    static func halves(start: Int64, end: Int64) -> ((Int64, Int64), (Int64, Int64))? {
        if isWholeDays(start: start, end: end) {
            let days = (end + 1 - start) / day
            if days >= 2 {
                let middle = start + (days / 2) * day
                return ((start, middle - 1), (middle, end))
            }
        }
        guard end > start else { return nil }
        let middle = start + (end - start) / 2
        return ((start, middle), (middle + 1, end))
    }

    static func qualifier(start: Int64, end: Int64) -> String {
        let from = CivilTime(Date(timeIntervalSince1970: Double(start)))
        let through = CivilTime(Date(timeIntervalSince1970: Double(end)))
        if isWholeDays(start: start, end: end) {
            return "\(from.dateText)..\(through.dateText)"
        }
        return "\(from.rfc3339UTCText)..\(through.rfc3339UTCText)"
    }
}
