import WorkSupportStore

/// `/ui/flow`: the figures of `GET /api/flow` for the same filters (a GET form) and window (without
/// "done from", the last `FlowReport.recentWeeks` ISO weeks, named on the page), a cycle-time
/// histogram, the percentiles and throughput per ISO week, WIP now, time in status, and the
/// issues whose history cannot be trusted. Definitions: docs/flow.md.
public enum FlowPage {
    /// The filters as the form shows them (the page's query, what was accepted of it).
    public struct Filters: Sendable, Equatable {
        public var team = false
        public var assignee: String?
        public var issueType: String?
        public var source: String?
        public var from: String?
        public var to: String?

        public init() {}
    }

    public static let path = "/ui/flow"
    public static let sources = ["jira", "github"]

    public static func render(_ report: FlowReport, filters: Filters, notices: [DashboardNotice],
                              viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Flow", section: .flow, viewer: viewer, notices: notices) { html in
            form(filters, into: &html)
            window(report, filters: filters, into: &html)
            html.raw("<div class=\"cards\">")
            card("Done", id: "flow-done", into: &html) { $0.text(report.done) }
            card("Cycle time p50", id: "flow-cycle-p50", into: &html) { $0.text(duration(report.cycle.p50)) }
            card("Lead time p50", id: "flow-lead-p50", into: &html) { $0.text(duration(report.lead.p50)) }
            card("WIP now", id: "flow-wip", into: &html) { $0.text(report.workInProgress) }
            card("Untrusted histories", id: "flow-untrusted-count", into: &html) { $0.text(report.untrustedCount) }
            html.raw("</div>")

            html.element("h2", text: "Cycle and lead time")
            html.raw("<table id=\"flow-percentiles\"><thead><tr><th></th><th class=\"num\">issues</th><th class=\"num\">p50</th>")
            html.raw("<th class=\"num\">p85</th><th class=\"num\">p95</th></tr></thead><tbody>")
            for (name, figures) in [("cycle", report.cycle), ("lead", report.lead)] {
                html.element("tr", [("data-figure", name)]) { row in
                    row.element("th", text: name == "cycle" ? "cycle time" : "lead time")
                    row.element("td", [("class", "num")], text: String(figures.count))
                    for (percent, value) in [("p50", figures.p50), ("p85", figures.p85), ("p95", figures.p95)] {
                        row.element("td", [("class", "num"), ("data-percentile", "\(name)-\(percent)"), ("data-seconds", value.map(seconds) ?? "")],
                                    text: duration(value))
                    }
                }
            }
            html.raw("</tbody></table>")
            html.element("p", [("class", "muted")],
                         text: "Over the \(report.done) issues done in the window whose history can be trusted; nearest-rank percentiles (docs/flow.md).")
            BarChart(id: "flow-cycle-histogram", title: "Cycle time distribution (trusted issues done in the window)",
                     bars: report.cycleHistogram.map { ChartValue($0.label, $0.count) })
                .write(into: &html)

            html.element("h2", text: "Per ISO week")
            if report.weeks.isEmpty {
                html.element("p", [("class", "muted")], text: "No issue was done in the window.")
            } else {
                ColumnChart(id: "flow-throughput", title: "Throughput: issues done per ISO week",
                            points: report.throughput.map { ChartValue($0.week, $0.done) })
                    .write(into: &html)
                ColumnChart(id: "flow-cycle-p85-weekly", title: "Cycle time p85 per ISO week (table below), in hours",
                            points: report.weeks.map { ChartValue($0.week, Int(($0.cycle.p85 ?? 0) / 3600)) })
                    .write(into: &html)
                html.raw("<table id=\"flow-weeks\" class=\"sortable\"><thead><tr><th>week</th><th class=\"num\">done</th>")
                html.raw("<th class=\"num\">cycle p50</th><th class=\"num\">cycle p85</th><th class=\"num\">cycle p95</th>")
                html.raw("<th class=\"num\">lead p50</th><th class=\"num\">lead p85</th><th class=\"num\">lead p95</th></tr></thead><tbody>")
                for week in report.weeks {
                    html.element("tr", [("data-week", week.week)]) { row in
                        row.element("td", text: week.week)
                        row.element("td", [("class", "num")], text: String(week.done))
                        for value in [week.cycle.p50, week.cycle.p85, week.cycle.p95, week.lead.p50, week.lead.p85, week.lead.p95] {
                            row.element("td", [("class", "num")], text: duration(value))
                        }
                    }
                }
                html.raw("</tbody></table>")
            }

            html.element("h2", text: "Time in status")
            if report.timeInStatus.isEmpty {
                html.element("p", [("class", "muted")], text: "No trusted done issue in the window.")
            } else {
                html.raw("<table id=\"flow-time-in-status\" class=\"sortable\"><thead><tr><th>status</th>")
                html.raw("<th class=\"num\">total</th><th class=\"num\">issues</th><th class=\"num\">mean per issue</th></tr></thead><tbody>")
                for status in report.timeInStatus {
                    html.element("tr") { row in
                        row.element("td", text: status.status)
                        row.element("td", [("class", "num"), ("data-seconds", seconds(status.seconds))], text: duration(status.seconds))
                        row.element("td", [("class", "num")], text: String(status.issues))
                        row.element("td", [("class", "num")], text: duration(status.issues > 0 ? status.seconds / Double(status.issues) : nil))
                    }
                }
                html.raw("</tbody></table>")
            }

            html.element("h2", text: "Histories that cannot be trusted (\(report.untrustedCount))")
            if report.untrusted.isEmpty {
                html.element("p", [("class", "muted")], text: "Every history is complete and consistent.")
            } else {
                html.element("p", [("class", "muted")],
                             text: "Counted in done and throughput when done; left out of the percentiles and time in status.")
                html.raw("<table id=\"flow-untrusted\"><thead><tr><th>issue</th><th>problems</th></tr></thead><tbody>")
                for issue in report.untrusted.prefix(untrustedShown) {
                    html.element("tr") { row in
                        row.element("td") { $0.link(DashboardPath.issue(issue.issueKey), text: issue.issueKey) }
                        row.element("td", text: issue.problems.joined(separator: ", "))
                    }
                }
                html.raw("</tbody></table>")
                if report.untrusted.count > untrustedShown {
                    html.element("p", [("class", "muted")],
                                 text: "The first \(untrustedShown) of \(report.untrusted.count); GET /api/flow lists them all.")
                }
            }
        }
    }

    /// The window the figures cover, its start in `data-from` as `GET /api/flow?from=` takes it.
    static func window(_ report: FlowReport, filters: Filters, into html: inout HTML) {
        var text = ""
        if filters.from == nil, let from = report.from {
            text = "Done in the last \(FlowReport.recentWeeks) ISO weeks up to the newest done issue, from \(from.prefix(10)) "
                + "(GET /api/flow?from=\(from)); set “done from” for another window. WIP and untrusted histories are as of now."
        }
        html.element("p", [("id", "flow-window"), ("class", "muted"), ("data-from", report.from ?? "")], text: text)
    }

    /// Rows of the untrusted table: the page stays light; the API lists them all.
    static let untrustedShown = 200

    static func form(_ filters: Filters, into html: inout HTML) {
        html.open("form", [("method", "get"), ("action", path), ("class", "filters")])
        html.raw("<label class=\"checkbox\"><span>")
        html.open("input", [("type", "checkbox"), ("name", "team"), ("value", "true")] + (filters.team ? [("checked", "checked")] : []))
        html.raw(" team only</span></label>")
        for (name, label, value, hint) in [("assignee", "assignee", filters.assignee, "member id, name or login"),
                                           ("issue_type", "issue type", filters.issueType, "name or id"),
                                           ("from", "done from", filters.from, "YYYY-MM-DD"),
                                           ("to", "done before", filters.to, "YYYY-MM-DD")] {
            html.raw("<label>")
            html.text(label)
            html.open("input", [("name", name), ("value", value ?? ""), ("placeholder", hint)])
            html.raw("</label>")
        }
        html.raw("<label>source<select name=\"source\"><option value=\"\">any</option>")
        for source in sources {
            html.open("option", [("value", source)] + (filters.source == source ? [("selected", "selected")] : []))
            html.text(source)
            html.close("option")
        }
        html.raw("</select></label><button type=\"submit\">Show</button></form>")
    }

    static func card(_ title: String, id: String, into html: inout HTML, _ figure: (inout HTML) -> Void) {
        html.raw("<div class=\"card\"><h2>")
        html.text(title)
        html.raw("</h2>")
        html.open("div", [("class", "figure-large"), ("id", id)])
        figure(&html)
        html.raw("</div></div>")
    }

    /// Hours with one decimal under ten days, else days: durations of work, not of requests.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        let sign = seconds < 0 ? "-" : "", hours = abs(seconds) / 3600
        if hours < 240 {
            let tenths = Int((hours * 10).rounded())
            return "\(sign)\(tenths / 10).\(tenths % 10) h"
        }
        return "\(sign)\(Int((hours / 24).rounded())) d"
    }

    /// Seconds as the API writes them (for the data attributes tests compare).
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
