import WorkSupportStore

/// `/ui/`: the last harvest of each source with its status and age, issue counts, open
/// anomalies by kind.
public enum OverviewPage {
    /// `delivery`: the DORA headline figures over the last 90 days, nil when there were no deployments.
    /// `flow`: the flow headline (FlowHeadline), nil to leave it out.
    public static func render(_ overview: DashboardOverview, delivery: [DeliveryPage.Figure]? = nil,
                              flow: FlowHeadlineFigures? = nil, viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Overview", section: .overview, viewer: viewer) { html in
            html.element("h2", text: "Last harvest per source")
            html.raw("<div class=\"cards\">")
            for source in overview.sources {
                html.open("section", [("class", "card"), ("id", "source-\(source.source)")])
                html.element("h2", text: source.source == "jira" ? "Jira" : source.source == "github" ? "GitHub" : source.source)
                if let run = source.lastRun {
                    html.element("p") { p in
                        RunsPage.status(run.status, into: &p)
                        p.raw(" ")
                        p.element("span", [("class", "age")], text: DashboardFormat.age(seconds: run.ageSeconds))
                    }
                    html.element("p", [("class", "muted")]) { p in
                        p.link(DashboardPath.run(run.id), text: "run \(run.id)")
                        p.raw(", finished ")
                        DashboardFormat.time(run.finishedAt, into: &p)
                    }
                } else {
                    html.element("p", [("class", "muted")], text: "never harvested")
                }
                html.element("p") { p in
                    p.element("span", [("class", "figure-large issue-count")], text: String(source.issueCount))
                    p.raw(" issues")
                }
                html.close("section")
            }
            html.raw("</div>")
            if let newest = overview.newestRun {
                html.element("p") { p in
                    p.raw("Newest run: ")
                    p.link(DashboardPath.run(newest.id), text: "run \(newest.id)")
                    p.raw(" ")
                    RunsPage.status(newest.status, into: &p)
                    p.text(" (\(newest.kind), started ")
                    DashboardFormat.time(newest.startedAt, into: &p)
                    p.raw(")")
                }
            }

            html.element("h2", text: "Issues by status category")
            html.raw("<table id=\"issue-counts\"><thead><tr><th>source</th><th>status category</th><th class=\"num\">issues</th></tr></thead><tbody>")
            for count in overview.issueCounts {
                html.element("tr") { row in
                    row.element("td", text: count.source)
                    row.element("td", text: count.statusCategory.isEmpty ? "(none)" : count.statusCategory)
                    row.element("td", [("class", "num")], text: String(count.count))
                }
            }
            html.raw("</tbody></table>")

            html.element("h2", text: "Open anomalies by kind")
            let open = overview.anomalies.filter { $0.open > 0 }
            if open.isEmpty {
                html.element("p", [("class", "muted")], text: "No open anomalies.")
            } else {
                BarChart(id: "open-anomalies", title: "Open anomalies by kind",
                         bars: open.map { BarChart.Bar($0.kind, $0.open) }).write(into: &html)
            }
            html.raw("<table id=\"anomaly-kinds\" class=\"sortable\"><thead><tr><th>kind</th><th class=\"num\">open</th>")
            html.raw("<th class=\"num\">acknowledged</th><th class=\"num\">resolved</th></tr></thead><tbody>")
            for kind in overview.anomalies {
                html.element("tr") { row in
                    row.element("td") {
                        $0.link(DashboardPath.with(DashboardPath.anomalies, [("kind", kind.kind)]), text: kind.kind)
                    }
                    row.element("td", [("class", "num"), ("data-open", kind.kind)], text: String(kind.open))
                    row.element("td", [("class", "num")], text: String(kind.acknowledged))
                    row.element("td", [("class", "num")], text: String(kind.resolved))
                }
            }
            html.raw("</tbody></table>")
            if let delivery {
                html.element("h2", text: "Delivery headline")
                DeliveryHeadline.write(delivery, into: &html)
            }
            if let flow {
                html.element("h2", text: "Flow headline")
                FlowHeadline.write(flow, into: &html)
            }
        }
    }
}
