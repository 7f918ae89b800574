import Dashboard
import FoundationEssentials
import WorkSupportStore

extension APIApplication {
    /// `/ui/flow`: the API's flow summary for the form's filters, with the page's weekly
    /// percentiles and histogram. A value the API would refuse is dropped with a notice naming it.
    func flowPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["team", "assignee", "issue_type", "source", "from", "to"])
        var shown = FlowPage.Filters()
        var filter = FlowFilter()
        if let team = query.value("team") {
            if team == "true" { shown.team = true; filter.teamOnly = true } else if team != "false" {
                query.note("team must be true or false, got '\(team.prefix(40))'; ignored.")
            }
        }
        if let assignee = query.value("assignee") { shown.assignee = assignee; filter.assignees = [assignee] }
        if let type = query.value("issue_type") { shown.issueType = type; filter.issueTypes = [type] }
        if let source = query.oneOf("source", FlowPage.sources) { shown.source = source; filter.sources = [source] }
        for name in ["from", "to"] {
            guard let text = query.value(name) else { continue }
            do throws(APIError) {
                let instant = try QueryParameters(pairs: [(name, text)]).instant(name)
                if name == "from" { filter.from = instant; shown.from = text } else { filter.to = instant; shown.to = text }
            } catch {
                query.note("\(error.message); ignored.")
            }
        }
        if let from = filter.from, let to = filter.to, from > to {
            query.note("'from' (\(shown.from ?? "")) is after 'to' (\(shown.to ?? "")); the window was ignored.")
            filter.from = nil
            filter.to = nil
        }
        let report = try reads.run { connection throws(StoreError) in
            try FlowQueries(connection: connection).report(filter)
        }
        return .html(FlowPage.render(report, filters: shown, notices: query.notices, viewer: viewer))
    }
}
