/// How figures and times read on the pages.
public enum DashboardFormat {
    /// `2026-01-19T08:04:00Z` → `2026-01-19 08:04 UTC`; other text as it is.
    public static func time(_ rfc3339: String) -> String {
        guard rfc3339.count == 20, rfc3339.hasSuffix("Z") else { return rfc3339 }
        return String(rfc3339.prefix(10)) + " " + String(rfc3339.dropFirst(11).prefix(5)) + " UTC"
    }

    /// A time as `<time datetime="…">2026-01-19 08:04 UTC</time>`, or a dash.
    public static func time(_ rfc3339: String?, into html: inout HTML) {
        guard let rfc3339 else { html.raw("–"); return }
        html.element("time", [("datetime", rfc3339)], text: time(rfc3339))
    }

    /// `42 s`, `5 min`, `3 h`, `2 d`.
    public static func duration(seconds: Int64) -> String {
        switch seconds {
        case ..<120: "\(max(seconds, 0)) s"
        case ..<7200: "\(seconds / 60) min"
        case ..<172_800: "\(seconds / 3600) h"
        default: "\(seconds / 86_400) d"
        }
    }

    public static func age(seconds: Int64) -> String { duration(seconds: seconds) + " ago" }
}
