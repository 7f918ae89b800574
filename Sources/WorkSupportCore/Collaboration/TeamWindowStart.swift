import FoundationEssentials

/// The `since` of the team questions: a number of days back from now (`30d` or `30`), a date
/// `YYYY-MM-DD` (midnight UTC) or an RFC 3339 time. Default 30 days.
public enum TeamWindowStart {
    public static let defaultDays = 30
    public static let maxDays = 3660

    public static let help = "a number of days such as 30d, a date such as 2026-03-01 or an RFC 3339 time such as 2026-03-01T00:00:00Z"

    /// nil when `text` is none of the three, or not before `now`.
    public static func parse(_ text: String?, now: Date) -> Date? {
        guard let text else { return now.addingTimeInterval(-Double(defaultDays) * 86_400) }
        let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
        if !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) {
            guard digits.count <= 5, let days = Int(digits), (1...maxDays).contains(days) else { return nil }
            return now.addingTimeInterval(-Double(days) * 86_400)
        }
        guard let start = DoraWindowBound.parse(text), start < now,
              now.timeIntervalSince(start) <= Double(maxDays) * 86_400 else { return nil }
        return start
    }
}
