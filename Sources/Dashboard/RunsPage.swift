import WorkSupportStore

/// `/ui/runs` (the audit log and the reload button) and `/ui/runs/{id}` (one run with its errors).
public enum RunsPage {
    public static let statuses = ["running", "completed", "partial", "failed"]
    public static let kinds = ["scheduled", "manual", "automatic"]

    public static func status(_ status: String, into html: inout HTML) {
        html.element("span", [("class", "status status-\(status)")], text: status)
    }

    public static func render(runs: [HarvestRunRecord], reloads: [ReloadRecord], status: String?, kind: String?,
                              notices: [DashboardNotice], viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Harvest runs", section: .runs, viewer: viewer, notices: notices) { html in
            html.element("h2", text: "Reload")
            html.element("p", text: "A full reload re-reads everything from Jira and GitHub and replaces the live data in one step when it ends.")
            DashboardForm.post(DashboardPath.reload, viewer: viewer, class: "inline", into: &html) { form in
                form.raw("<label class=\"checkbox\"><span><input type=\"checkbox\" name=\"force\" value=\"true\"> ")
                form.raw("queue even if one is queued or running</span></label>")
                form.raw("<button type=\"submit\" id=\"reload\">Queue a full reload</button>")
            }
            if !reloads.isEmpty {
                html.raw("<table id=\"reloads\"><thead><tr><th>reload</th><th>status</th><th>requested</th><th>by</th><th>run</th><th>error</th></tr></thead><tbody>")
                for reload in reloads {
                    html.element("tr") { row in
                        row.element("td", [("class", "num")], text: String(reload.id))
                        row.element("td") { Self.status(reload.status, into: &$0) }
                        row.element("td") { DashboardFormat.time(reload.requestedAt, into: &$0) }
                        row.element("td", text: reload.requestedBy ?? "–")
                        row.element("td") { cell in
                            if let run = reload.runID { cell.link(DashboardPath.run(run), text: String(run)) } else { cell.raw("–") }
                        }
                        row.element("td", text: reload.errorMessage ?? "")
                    }
                }
                html.raw("</tbody></table>")
            }

            html.element("h2", text: "Runs")
            html.open("form", [("method", "get"), ("action", DashboardPath.runs), ("class", "filters")])
            select("status", options: statuses, selected: status, into: &html)
            select("kind", options: kinds, selected: kind, into: &html)
            html.raw("<button type=\"submit\">Filter</button></form>")
            if runs.isEmpty {
                html.element("p", [("class", "muted")], text: "No harvest run matches.")
                return
            }
            ColumnChart(id: "fetched-per-run", title: "Items fetched per run, oldest first",
                        points: runs.reversed().map { ColumnChart.Point(DashboardFormat.time($0.startedAt), $0.counts.fetched) })
                .write(into: &html)
            html.raw("<table id=\"runs\" class=\"sortable\"><thead><tr><th class=\"num\">run</th><th>kind</th><th>status</th><th>started</th>")
            html.raw("<th class=\"num\">seconds</th><th class=\"num\">fetched</th><th class=\"num\">inserted</th><th class=\"num\">updated</th>")
            html.raw("<th class=\"num\">deleted</th><th class=\"num\">failed</th><th class=\"num\">errors</th><th class=\"num\">Slack messages</th></tr></thead><tbody>")
            for run in runs {
                html.element("tr", [("data-run", String(run.id))]) { row in
                    row.element("td", [("class", "num")]) { $0.link(DashboardPath.run(run.id), text: String(run.id)) }
                    row.element("td", text: run.kind + (run.fullReload ? " (full)" : ""))
                    row.element("td") { Self.status(run.status, into: &$0) }
                    row.element("td") { DashboardFormat.time(run.startedAt, into: &$0) }
                    row.element("td", [("class", "num")], text: run.durationSeconds.map { String($0) } ?? "")
                    for figure in [run.counts.fetched, run.counts.inserted, run.counts.updated, run.counts.deleted, run.counts.failed, run.errorCount,
                                   run.slack.messagesFetched] {
                        row.element("td", [("class", "num")], text: String(figure))
                    }
                }
            }
            html.raw("</tbody></table>")
        }
    }

    public static func render(run: HarvestRunRecord, errors: [HarvestErrorRecord], viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Harvest run \(run.id)", section: .runs, viewer: viewer) { html in
            html.raw("<dl class=\"fields\">")
            field("status", into: &html) { Self.status(run.status, into: &$0) }
            field("kind", into: &html) { $0.text(run.kind + (run.fullReload ? ", full reload" : "")) }
            field("trigger", into: &html) { $0.text(run.trigger ?? "–") }
            field("started", into: &html) { DashboardFormat.time(run.startedAt, into: &$0) }
            field("finished", into: &html) { DashboardFormat.time(run.finishedAt, into: &$0) }
            field("duration", into: &html) { $0.text(run.durationSeconds.map { DashboardFormat.duration(seconds: $0) } ?? "running") }
            let counts: [(StaticString, Int)] = [("fetched", run.counts.fetched), ("inserted", run.counts.inserted),
                                                 ("updated", run.counts.updated), ("unchanged", run.counts.unchanged),
                                                 ("deleted", run.counts.deleted), ("failed", run.counts.failed),
                                                 ("new anomalies", run.anomaliesNew), ("resolved anomalies", run.anomaliesResolved),
                                                 ("Slack messages fetched", run.slack.messagesFetched),
                                                 ("Slack messages written", run.slack.messagesWritten),
                                                 ("Slack messages deleted", run.slack.messagesDeleted),
                                                 ("Slack messages pruned", run.slack.messagesPruned),
                                                 ("Slack channels skipped", run.slack.channelsSkipped),
                                                 ("deliveries pruned", run.deliveriesPruned), ("pushes pruned", run.pushesPruned)]
            for (name, value) in counts { field(name, into: &html) { $0.text(value) } }
            if let message = run.errorMessage { field("error", into: &html) { $0.text(message) } }
            html.raw("</dl>")
            html.element("h2", text: "Errors (\(errors.count))")
            if errors.isEmpty {
                html.element("p", [("class", "muted")], text: "This run recorded no errors.")
                return
            }
            html.raw("<table id=\"run-errors\" class=\"sortable\"><thead><tr><th>source</th><th>item</th><th>reason</th>")
            html.raw("<th class=\"num\">HTTP</th><th class=\"num\">attempts</th><th>when</th></tr></thead><tbody>")
            for error in errors {
                html.element("tr") { row in
                    row.element("td", text: error.source)
                    row.element("td", text: error.itemKey ?? "–")
                    row.element("td", text: error.reason)
                    row.element("td", [("class", "num")], text: error.httpStatus.map { String($0) } ?? "")
                    row.element("td", [("class", "num")], text: String(error.attempts))
                    row.element("td") { DashboardFormat.time(error.occurredAt, into: &$0) }
                }
            }
            html.raw("</tbody></table>")
        }
    }

    static func field(_ name: StaticString, into html: inout HTML, _ value: (inout HTML) -> Void) {
        html.raw("<dt>")
        html.raw(name)
        html.raw("</dt><dd>")
        value(&html)
        html.raw("</dd>")
    }

    /// A `<select>` filter with an "any" choice.
    static func select(_ name: StaticString, options: [String], selected: String?, into html: inout HTML) {
        html.raw("<label>")
        html.raw(name)
        html.open("select", [("name", String(describing: name))])
        html.raw("<option value=\"\">any</option>")
        for option in options {
            var attributes: [(StaticString, String)] = [("value", option)]
            if option == selected { attributes.append(("selected", "selected")) }
            html.element("option", attributes, text: option)
        }
        html.raw("</select></label>")
    }
}
