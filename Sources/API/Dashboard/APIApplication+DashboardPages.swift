import Dashboard
import WorkSupportStore

/// The pages whose filters come from the query string.
extension APIApplication {
    func runsPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["status", "kind", "reload", "conflict"])
        let status = query.oneOf("status", RunsPage.statuses)
        let kind = query.oneOf("kind", RunsPage.kinds)
        var notices = query.notices
        if let id = query.value("reload").flatMap({ Int64($0) }) {
            notices.append(DashboardNotice(.info, "Reload \(id) queued; the harvester picks it up on its next start."))
        }
        if let id = query.value("conflict").flatMap({ Int64($0) }) {
            notices.append(DashboardNotice(.warning, "Reload \(id) is already queued or running; tick the box to queue another anyway."))
        }
        let (runs, reloads) = try reads.run { connection throws(StoreError) in
            let queries = DashboardQueries(connection: connection)
            return (try queries.runs(limit: 50, status: status, kind: kind), try queries.reloads(limit: 5))
        }
        return .html(RunsPage.render(runs: runs, reloads: reloads, status: status, kind: kind, notices: notices, viewer: viewer))
    }

    func anomaliesPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["kind", "status", "assignee"])
        var filters = AnomaliesPage.Filters()
        filters.kind = query.oneOf("kind", AnomalyTriageSQL.kinds)
        // Open is the triage list: what nobody has looked at yet.
        filters.state = query.value("status") == "all" ? nil : query.oneOf("status", AnomalyTriageSQL.states + ["all"]) ?? "open"
        filters.assignee = query.value("assignee")
        let page = try reads.run { [filters] connection throws(StoreError) in
            try DashboardQueries(connection: connection).anomalies(kind: filters.kind, state: filters.state,
                                                                  assignee: filters.assignee, limit: 500)
        }
        return .html(AnomaliesPage.render(page, filters: filters, notices: query.notices, viewer: viewer))
    }

    func hierarchyPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["root_key"])
        let rootKey = query.value("root_key")
        let notices = query.notices
        // Without a root: the Product Versions alone (depth 0), each a link to its own tree.
        let body = try reads.run { connection throws(StoreError) in
            try HierarchyQuery(connection: connection).tree(rootType: rootKey == nil ? "Product Version" : nil, rootKey: rootKey,
                                                            maxDepth: rootKey == nil ? 0 : 10) { rows, _ in
                var shown = notices
                if let rootKey, rows.count == 0 { shown.append(DashboardNotice(.warning, "No issue has the key '\(rootKey.prefix(200))'.")) }
                return HierarchyPage.render(rows, rootKey: rootKey, notices: shown, viewer: viewer)
            }
        }
        return .html(body)
    }
}
