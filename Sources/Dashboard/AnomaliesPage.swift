import WorkSupportStore

/// `/ui/anomalies` (triage: filters, acknowledge with a note, reopen) and `/ui/anomalies/{id}`.
public enum AnomaliesPage {
    /// The filters as applied (unknown values were dropped and named in a notice).
    public struct Filters: Sendable, Equatable {
        public var kind: String?
        public var state: String?
        public var assignee: String?

        public init(kind: String? = nil, state: String? = nil, assignee: String? = nil) {
            self.kind = kind
            self.state = state
            self.assignee = assignee
        }
    }

    /// Rows per page: with each row's triage form, 50 keep the page well under 100 kB.
    public static let pageSize = 50

    public static func render(_ page: AnomalyListing, filters: Filters, pager: DashboardPager, notices: [DashboardNotice],
                              viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Anomalies", section: .anomalies, viewer: viewer, notices: notices) { html in
            html.open("form", [("method", "get"), ("action", DashboardPath.anomalies), ("class", "filters")])
            RunsPage.select("kind", options: AnomalyTriageSQL.kinds, selected: filters.kind, into: &html)
            html.raw("<label>status<select name=\"status\">")
            for state in AnomalyTriageSQL.states + ["all"] {
                var attributes: [(StaticString, String)] = [("value", state)]
                if state == (filters.state ?? "all") { attributes.append(("selected", "selected")) }
                html.element("option", attributes, text: state)
            }
            html.raw("</select></label><label>assignee")
            html.open("input", [("name", "assignee"), ("value", filters.assignee ?? ""), ("placeholder", "member id, name or login")])
            html.raw("</label><button type=\"submit\">Filter</button></form>")
            pager.write(noun: "anomalies, newest sighting first", id: "anomaly-count", previousLabel: "newer", nextLabel: "older", into: &html)
            if page.anomalies.isEmpty { return }
            html.raw("<table id=\"anomalies\" class=\"sortable\"><thead><tr><th class=\"num\">id</th><th>kind</th><th>issue</th><th>assignee</th>")
            html.raw("<th>status</th><th>last seen</th><th class=\"num\">seen</th><th>triage</th></tr></thead><tbody>")
            for anomaly in page.anomalies {
                html.element("tr", [("data-anomaly", String(anomaly.id))]) { row in
                    row.element("td", [("class", "num")]) { $0.link(DashboardPath.anomaly(anomaly.id), text: String(anomaly.id)) }
                    row.element("td", text: anomaly.kind)
                    row.element("td") { cell in
                        cell.link(DashboardPath.issue(anomaly.issueKey), text: anomaly.issueKey)
                        if let summary = anomaly.issueSummary { cell.raw(" "); cell.element("span", [("class", "muted")], text: summary) }
                    }
                    row.element("td", text: anomaly.assignee ?? "–")
                    row.element("td") { RunsPage.status(anomaly.state, into: &$0) }
                    row.element("td") { DashboardFormat.time(anomaly.lastSeen, into: &$0) }
                    row.element("td", [("class", "num")], text: String(anomaly.occurrences))
                    row.element("td") { triage(anomaly, viewer: viewer, into: &$0) }
                }
            }
            html.raw("</tbody></table>")
            if pager.previous != nil || pager.next != nil {
                pager.write(noun: "anomalies", id: "anomaly-count-end", previousLabel: "newer", nextLabel: "older", into: &html)
            }
        }
    }

    /// The filters as query pairs, for links that keep them.
    public static func query(_ filters: Filters) -> [(String, String?)] {
        [("kind", filters.kind), ("status", filters.state ?? "all"), ("assignee", filters.assignee)]
    }

    public static func render(_ anomaly: AnomalyRecord, viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Anomaly \(anomaly.id): \(anomaly.kind)", section: .anomalies, viewer: viewer) { html in
            html.raw("<dl class=\"fields\">")
            RunsPage.field("issue", into: &html) { cell in
                cell.link(DashboardPath.issue(anomaly.issueKey), text: anomaly.issueKey)
                if let summary = anomaly.issueSummary { cell.raw(" "); cell.text(summary) }
            }
            RunsPage.field("status", into: &html) { RunsPage.status(anomaly.state, into: &$0) }
            RunsPage.field("assignee", into: &html) { $0.text(anomaly.assignee ?? "–") }
            RunsPage.field("first seen", into: &html) { DashboardFormat.time(anomaly.firstSeen, into: &$0) }
            RunsPage.field("last seen", into: &html) { DashboardFormat.time(anomaly.lastSeen, into: &$0) }
            RunsPage.field("times seen", into: &html) { $0.text(anomaly.occurrences) }
            RunsPage.field("resolved", into: &html) { DashboardFormat.time(anomaly.resolvedAt, into: &$0) }
            RunsPage.field("details", into: &html) { $0.element("code", text: anomaly.details) }
            html.raw("</dl>")
            html.element("h2", text: "Triage")
            triage(anomaly, viewer: viewer, into: &html)
            history(anomaly, into: &html)
        }
    }

    /// Why an earlier acknowledgement no longer holds, and what it was given.
    static func history(_ anomaly: AnomalyRecord, into html: inout HTML) {
        guard anomaly.state != "acknowledged", let end = anomaly.acknowledgementEnd else { return }
        html.element("p", [("class", "ack-end")]) { p in
            p.raw(end == "reopened" ? "Reopened " : "Back on the open list since ")
            DashboardFormat.time(anomaly.acknowledgementEndedAt, into: &p)
            switch end {
            case "changed": p.raw(": its details changed after it was acknowledged.")
            case "returned": p.raw(": it resolved, then was found again.")
            default: p.raw(" by hand.")
            }
        }
        if end == "changed", let before = anomaly.acknowledgedDetails {
            html.raw("<dl class=\"fields\">")
            RunsPage.field("details when acknowledged", into: &html) { $0.element("code", text: before) }
            html.raw("</dl>")
        }
    }

    /// Who acknowledged it and why, and the form that changes it.
    static func triage(_ anomaly: AnomalyRecord, viewer: DashboardViewer, into html: inout HTML) {
        if let by = anomaly.acknowledgedBy {
            html.element("p", [("class", "ack")]) { p in
                p.text(anomaly.state == "acknowledged" ? "Acknowledged by \(by) " : "Was acknowledged by \(by)")
                if anomaly.state == "acknowledged" { DashboardFormat.time(anomaly.acknowledgedAt, into: &p) }
                if let note = anomaly.note, !note.isEmpty { p.raw(": "); p.element("q", text: note) }
            }
        }
        switch anomaly.state {
        case "open":
            DashboardForm.post(DashboardPath.acknowledge, viewer: viewer, class: "inline", into: &html) { form in
                form.open("input", [("type", "hidden"), ("name", "id"), ("value", String(anomaly.id))])
                form.open("input", [("name", "note"), ("aria-label", "note"), ("placeholder", "note"), ("maxlength", "2000")])
                form.raw("<button type=\"submit\">Acknowledge</button>")
            }
        case "acknowledged":
            DashboardForm.post(DashboardPath.reopen, viewer: viewer, class: "inline", into: &html) { form in
                form.open("input", [("type", "hidden"), ("name", "id"), ("value", String(anomaly.id))])
                form.raw("<button type=\"submit\">Reopen</button>")
            }
        default:
            break
        }
    }
}
