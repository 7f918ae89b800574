import Logging

/// Progress output as pure functions of a snapshot: the live terminal line, and the fields of the
/// journal's `page` event.
enum HarvestProgressLine {
    /// `jira level 1: 57 pages, 5612 of ~9800 issues, 812/s, ETA ~5s`; when the source is done,
    /// `jira: 80 pages, 7900 issues, 790/s, done in 10s`.
    static func live(_ snapshot: HarvestProgressSnapshot, finished: Bool = false) -> String {
        var text = snapshot.source
        if let level = snapshot.level, !finished { text += " level \(level)" }
        text += ": \(snapshot.pages) page\(snapshot.pages == 1 ? "" : "s"), \(snapshot.items)"
        if let expected = snapshot.expected, !finished {
            // An estimate that fell short of what already arrived is shown as what arrived.
            text += " of \(expected.isApproximate ? "~" : "")\(max(expected.items, snapshot.items))"
        }
        text += " issues, \(Int(snapshot.rate))/s, "
        if finished { return text + "done in \(duration(Int(snapshot.elapsed.rounded())))" }
        switch snapshot.eta {
        case .unknown: return text + "ETA ?"
        case .seconds(let seconds, let approximate): return text + "ETA \(approximate ? "~" : "")\(duration(seconds))"
        }
    }

    /// `source=jira jira_level=1 page=57 items=100 total=5612 rate=812`, and `expected=9800
    /// approximate=true eta_s=5` when the source knows what to expect. (Not `level`: the line's
    /// own `level` is the log level.)
    static func journal(_ snapshot: HarvestProgressSnapshot, pageItems: Int) -> Logger.Metadata {
        var fields: Logger.Metadata = ["source": "\(snapshot.source)", "page": "\(snapshot.pages)", "items": "\(pageItems)",
                                       "total": "\(snapshot.items)", "rate": "\(Int(snapshot.rate))"]
        if let level = snapshot.level { fields["jira_level"] = "\(level)" }
        if let expected = snapshot.expected {
            fields["expected"] = "\(expected.items)"
            fields["approximate"] = "\(expected.isApproximate)"
        }
        if case .seconds(let seconds, _) = snapshot.eta { fields["eta_s"] = "\(seconds)" }
        return fields
    }

    /// `45s`, `2m05s`, `1h02m`.
    static func duration(_ seconds: Int) -> String {
        let seconds = max(seconds, 0)
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" + twoDigits(seconds % 60) + "s" }
        return "\(seconds / 3600)h" + twoDigits(seconds % 3600 / 60) + "m"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
