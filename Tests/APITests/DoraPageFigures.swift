import Foundation
import JSON

/// The delivery page's figures read back from its HTML, and the same figures from
/// `GET /api/metrics/dora`, so tests can hold one against the other.
enum DoraPageFigures {
    enum Shown: Equatable, CustomStringConvertible {
        case value(Double)
        case unavailable(String)

        var description: String {
            switch self {
            case .value(let value): String(value)
            case .unavailable(let why): "n/a: \(why)"
            }
        }
    }

    /// Each page metric's place in the API's body: the value member and its object.
    static let apiPaths: [(metric: String, object: [String], value: String)] = [
        ("deployments_per_week", ["deployment_frequency", "per_week"], "value"),
        ("deployment_days_per_week", ["deployment_frequency", "deployment_days_per_week"], "value"),
        ("change_lead_time", ["change_lead_time"], "median_seconds"),
        ("change_fail_rate", ["change_fail_rate"], "value"),
        ("failed_deployment_recovery_time", ["failed_deployment_recovery_time"], "median_seconds"),
        ("deployment_rework_rate", ["deployment_rework_rate"], "value"),
    ]

    static func fromAPI(_ body: JSONValue) -> [String: Shown] {
        var figures: [String: Shown] = [:]
        for (metric, path, member) in apiPaths {
            let object = path.reduce(Optional(body)) { $0?[$1] }
            if let value = object?[member]?.doubleValue {
                figures[metric] = .value(value)
            } else {
                figures[metric] = .unavailable(object?["unavailable"]?.stringValue ?? "?")
            }
        }
        return figures
    }

    /// The figures of the summary table (`table` = "dora-summary") or of one period row.
    static func shown(in html: String) -> [String: Shown] {
        var figures: [String: Shown] = [:]
        for piece in html.components(separatedBy: "<td ").dropFirst() {
            guard let metric = attribute("data-metric", in: piece) else { continue }
            if let value = attribute("data-value", in: piece).flatMap(Double.init) {
                figures[metric] = .value(value)
            } else if let start = piece.range(of: ">n/a: "), let end = piece.range(of: "</td>") {
                figures[metric] = .unavailable(unescaped(String(piece[start.upperBound..<end.lowerBound])))
            }
        }
        return figures
    }

    static func summary(of page: String) -> [String: Shown] {
        shown(in: section(of: page, from: "id=\"dora-summary\"", to: "</table>"))
    }

    /// Each period row: (from, to, its figures).
    static func periods(of page: String) -> [(from: String, to: String, figures: [String: Shown])] {
        section(of: page, from: "id=\"dora-periods\"", to: "</table>").components(separatedBy: "<tr data-from=\"").dropFirst().map { row in
            (String(row.prefix { $0 != "\"" }), attribute("data-to", in: row) ?? "", shown(in: row))
        }
    }

    static func section(of page: String, from start: String, to end: String) -> String {
        guard let open = page.range(of: start) else { return "" }
        let rest = page[open.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    static func attribute(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: name + "=\"") else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
