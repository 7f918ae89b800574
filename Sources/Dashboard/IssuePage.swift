import WorkSupportStore

/// `/ui/issues/{key}`: the issue's fields, its place in the hierarchy, its anomalies.
public enum IssuePage {
    public static func render(_ issue: IssueDetail, viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: issue.key + ": " + issue.summary, section: .hierarchy, viewer: viewer) { html in
            html.element("p") { p in
                p.externalLink(issue.url, text: issue.source == "github" ? "Open in GitHub" : "Open in Jira")
                p.raw(" · ")
                p.link(DashboardPath.hierarchy(root: issue.key), text: "Tree below this issue")
            }
            html.raw("<dl class=\"fields\" id=\"issue-fields\">")
            RunsPage.field("source", into: &html) { $0.text(issue.source) }
            RunsPage.field("type", into: &html) { cell in
                cell.text(issue.issueType ?? "unknown")
                if let upstream = issue.upstreamIssueType, upstream != issue.issueType { cell.text(" (upstream: \(upstream))") }
            }
            RunsPage.field("status", into: &html) { $0.text([issue.status, issue.statusCategory.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")) }
            RunsPage.field("assignee", into: &html) { cell in
                cell.text(issue.assigneeName.map { name in "\(name) (\(issue.assignee ?? ""))" } ?? issue.assignee ?? "unassigned")
            }
            RunsPage.field("parent", into: &html) { cell in
                if let parent = issue.parent {
                    cell.link(DashboardPath.issue(parent.key), text: parent.key)
                    cell.raw(" ")
                    cell.text(parent.summary)
                } else if let key = issue.parentKey {
                    cell.text("\(key) (not harvested)")
                } else {
                    cell.raw("–")
                }
            }
            RunsPage.field("epic", into: &html) { $0.text(issue.epicKey ?? "–") }
            RunsPage.field("labels", into: &html) { $0.text(issue.labels.isEmpty ? "–" : issue.labels.joined(separator: ", ")) }
            RunsPage.field("fix versions", into: &html) { $0.text(issue.fixVersions.isEmpty ? "–" : issue.fixVersions.joined(separator: ", ")) }
            RunsPage.field("created", into: &html) { DashboardFormat.time(issue.createdAt, into: &$0) }
            RunsPage.field("updated", into: &html) { DashboardFormat.time(issue.updatedAt, into: &$0) }
            RunsPage.field("resolved", into: &html) { DashboardFormat.time(issue.resolvedAt, into: &$0) }
            RunsPage.field("harvested", into: &html) { DashboardFormat.time(issue.harvestedAt, into: &$0) }
            html.raw("</dl>")

            html.element("h2", text: "Children (\(issue.children.count))")
            if issue.children.isEmpty {
                html.element("p", [("class", "muted")], text: "None.")
            } else {
                html.element("ul", [("id", "children")]) { list in
                    for child in issue.children {
                        list.element("li") { item in
                            item.link(DashboardPath.issue(child.key), text: child.key)
                            item.raw(" ")
                            item.text(child.summary)
                            item.raw(" ")
                            item.element("span", [("class", "muted")], text: [child.issueType, child.status].compactMap { $0 }.joined(separator: ", "))
                        }
                    }
                }
            }

            html.element("h2", text: "Transitions")
            html.element("p", [("class", "muted")], text: "Not harvested yet: status history arrives with the flow feature (see Flow).")

            html.element("h2", text: "Anomalies (\(issue.anomalies.count))")
            if issue.anomalies.isEmpty {
                html.element("p", [("class", "muted")], text: "None.")
                return
            }
            html.raw("<table id=\"issue-anomalies\"><thead><tr><th class=\"num\">id</th><th>kind</th><th>status</th><th>last seen</th><th>triage</th></tr></thead><tbody>")
            for anomaly in issue.anomalies {
                html.element("tr") { row in
                    row.element("td", [("class", "num")]) { $0.link(DashboardPath.anomaly(anomaly.id), text: String(anomaly.id)) }
                    row.element("td", text: anomaly.kind)
                    row.element("td") { RunsPage.status(anomaly.state, into: &$0) }
                    row.element("td") { DashboardFormat.time(anomaly.lastSeen, into: &$0) }
                    row.element("td") { AnomaliesPage.triage(anomaly, viewer: viewer, into: &$0) }
                }
            }
            html.raw("</tbody></table>")
        }
    }
}
