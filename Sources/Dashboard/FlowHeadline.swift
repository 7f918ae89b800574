import WorkSupportStore

/// The overview's flow headline: a few of the flow page's figures (cycle time over the last 90
/// days as `GET /api/flow` gives it for that window, recent throughput, WIP, untrusted histories),
/// or, before any Jira history was harvested, what is missing and how to get it.
enum FlowHeadline {
    static func write(_ figures: FlowHeadlineFigures, into html: inout HTML) {
        guard figures.hasHistories else {
            html.element("p", [("class", "muted"), ("id", "flow-headline-missing")],
                         text: "No flow figures yet: they come from Jira issues' status histories, which a Jira harvest "
                             + "fetches with their changelogs (worksupport-harvest --source jira).")
            return
        }
        html.element("p") { p in
            p.link(FlowPage.path, text: "Flow")
            p.text(", Jira issues; cycle time over the issues done in the last \(FlowHeadlineFigures.windowDays) days whose history can be trusted:")
        }
        // `data-from`: the window's start, as `GET /api/flow?from=` takes it.
        html.open("table", [("id", "flow-headline"), ("data-from", figures.from)])
        html.raw("<tbody>")
        for (name, label, value) in [("cycle-p50", "Cycle time p50", figures.cycle.p50), ("cycle-p85", "Cycle time p85", figures.cycle.p85)] {
            html.element("tr", [("data-figure", name)]) { row in
                row.element("th", [("scope", "row")], text: label)
                row.element("td", [("class", "num"), ("data-seconds", value.map(FlowPage.seconds) ?? "")], text: FlowPage.duration(value))
                row.element("td", [("class", "muted")], text: "\(figures.cycle.count) issues")
            }
        }
        html.element("tr", [("data-figure", "throughput")]) { row in
            row.element("th", [("scope", "row")], text: "Done per ISO week")
            row.element("td", [("class", "num")], text: figures.throughput.map { String($0.done) }.joined(separator: " · "))
            row.element("td", [("class", "muted")], text: figures.throughput.map(\.week).joined(separator: " · "))
        }
        html.element("tr", [("data-figure", "wip")]) { row in
            row.element("th", [("scope", "row")], text: "WIP now")
            row.element("td", [("class", "num")], text: String(figures.workInProgress))
            row.element("td", [("class", "muted")], text: "issues in an in-progress status")
        }
        html.element("tr", [("data-figure", "untrusted")]) { row in
            row.element("th", [("scope", "row")], text: "Untrusted histories")
            row.element("td", [("class", "num")], text: String(figures.untrustedCount))
            row.element("td", [("class", "muted")], text: "left out of the percentiles, listed on the flow page")
        }
        html.raw("</tbody></table>")
    }
}
