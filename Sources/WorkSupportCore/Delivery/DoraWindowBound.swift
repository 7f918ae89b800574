import FoundationEssentials

/// A window bound as users write it: a date (`2026-03-01`, midnight UTC) or an RFC 3339 time
/// with its offset. Shared by `GET /api/metrics/dora` and `worksupport dora`.
public enum DoraWindowBound {
    public static func parse(_ text: String) -> Date? {
        UpstreamTimestamp.parse(text.utf8.count == 10 ? text + "T00:00:00Z" : text)
    }
}
