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
        query.noteUnknown(except: ["kind", "status", "assignee", "after", "before"])
        var filters = AnomaliesPage.Filters()
        filters.kind = query.oneOf("kind", AnomalyTriageSQL.kinds)
        // Open is the triage list: what nobody has looked at yet.
        filters.state = query.value("status") == "all" ? nil : query.oneOf("status", AnomalyTriageSQL.states + ["all"]) ?? "open"
        filters.assignee = query.value("assignee")
        var cursor = AnomalyCursor(after: query.id("after"), before: query.id("before"))
        if cursor.after != nil, cursor.before != nil {
            query.note(DashboardNotice(.warning, "A page starts either after or before an anomaly; 'before' was ignored."))
            cursor.before = nil
        }
        let list = { [filters] (cursor: AnomalyCursor) throws(APIError) -> AnomalyListing in
            try self.reads.run { connection throws(StoreError) in
                try DashboardQueries(connection: connection).anomalies(kind: filters.kind, state: filters.state, assignee: filters.assignee,
                                                                      cursor: cursor, limit: AnomaliesPage.pageSize)
            }
        }
        var page = try list(cursor)
        if page.anomalies.isEmpty, page.totalCount > 0 {
            // The row the link started from is gone or no longer matches: start at the newest.
            query.note(DashboardNotice(.warning, "That page of the list is empty now; showing the newest anomalies."))
            page = try list(AnomalyCursor())
        }
        let filterPairs = AnomaliesPage.query(filters)
        let pager = DashboardPager(preceding: page.preceding, shown: page.anomalies.count, total: page.totalCount,
                                   head: page.anomalies.first.map { String($0.id) }, tail: page.anomalies.last.map { String($0.id) }) {
            DashboardPath.with(DashboardPath.anomalies, filterPairs + [($0, $1)])
        }
        return .html(AnomaliesPage.render(page, filters: filters, pager: pager, notices: query.notices, viewer: viewer))
    }

    /// The issue type whose issues are the hierarchy's roots.
    static let hierarchyRootType = "Product Version"

    func hierarchyPage(_ query: DashboardQuery, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        query.noteUnknown(except: ["root_key", "open", "after", "before"])
        var cursor = KeyCursor(after: query.value("after"), before: query.value("before"))
        if cursor.after != nil, cursor.before != nil {
            query.note(DashboardNotice(.warning, "A page starts either after or before a key; 'before' was ignored."))
            cursor.before = nil
        }
        guard let rootKey = query.value("root_key") else {
            if !query.values("open").isEmpty { query.note(DashboardNotice(.warning, "'open' needs a root_key; it was ignored.")) }
            return try hierarchyRootsPage(query, cursor: cursor, viewer: viewer)
        }
        var opens = query.values("open")
        if opens.count > HierarchyPage.maxOpen {
            query.note(DashboardNotice(.warning, "At most \(HierarchyPage.maxOpen) issues open at once; the rest were ignored."))
            opens = Array(opens.prefix(HierarchyPage.maxOpen))
        }
        let fetched = try reads.run { [cursor, opens] connection throws(StoreError) -> (HierarchyPage.Tree, Bool)? in
            let queries = HierarchyLevelQueries(connection: connection)
            guard let root = try queries.node(key: rootKey) else { return nil }
            var start = cursor
            var level = try queries.children(of: rootKey, cursor: start, limit: HierarchyPage.childrenPerPage)
            let stale = level.nodes.isEmpty && level.totalCount > 0
            if stale {
                start = .first
                level = try queries.children(of: rootKey, cursor: start, limit: HierarchyPage.childrenPerPage)
            }
            var levels = [rootKey: level]
            var opened: [String] = []
            var budget = HierarchyPage.nodeBudget - level.nodes.count
            // Breadth first from the root: an opened node below another opened one is reached
            // through it, so its parent's level must be read first.
            var pending = level.nodes[...]
            while let node = pending.popFirst(), budget > 0 {
                guard opens.contains(node.key), node.childCount > 0, levels[node.key] == nil else { continue }
                let below = try queries.children(of: node.key, cursor: .first, limit: min(HierarchyPage.childrenPerOpenNode, budget))
                budget -= below.nodes.count
                levels[node.key] = below
                opened.append(node.key)
                pending.append(contentsOf: below.nodes)
            }
            opened.sort { opens.firstIndex(of: $0)! < opens.firstIndex(of: $1)! }
            return (HierarchyPage.Tree(root: root, levels: levels, opened: opened, cursor: start), stale)
        }
        guard let (tree, stale) = fetched else {
            query.note(DashboardNotice(.warning, "No issue has the key '\(rootKey.prefix(200))'."))
            return try hierarchyRootsPage(query, cursor: .first, viewer: viewer)
        }
        if stale { query.note(DashboardNotice(.warning, "That page of \(rootKey)’s children is empty now; showing the first.")) }
        for key in opens where !tree.opened.contains(key) {
            query.note(DashboardNotice(.warning, "'\(key.prefix(80))' was not opened: it is not on this page of the tree, has no children, or the page holds \(HierarchyPage.nodeBudget) issues already."))
        }
        let level = tree.levels[rootKey] ?? HierarchyLevel(nodes: [], totalCount: 0, preceding: 0)
        let pager = DashboardPager(level) { DashboardPath.with(DashboardPath.hierarchy, [("root_key", rootKey), ($0, $1)]) }
        return .html(HierarchyPage.render(tree, pager: pager, notices: query.notices, viewer: viewer))
    }

    /// The roots a page at a time, each with its number of children: no tree is walked.
    func hierarchyRootsPage(_ query: DashboardQuery, cursor: KeyCursor, viewer: DashboardViewer) throws(APIError) -> APIResponse {
        var query = query
        let roots = { (cursor: KeyCursor) throws(APIError) -> HierarchyLevel in
            try self.reads.run { connection throws(StoreError) in
                try HierarchyLevelQueries(connection: connection).roots(type: Self.hierarchyRootType, cursor: cursor,
                                                                        limit: HierarchyRootsPage.pageSize)
            }
        }
        var level = try roots(cursor)
        if level.nodes.isEmpty, level.totalCount > 0 {
            query.note(DashboardNotice(.warning, "That page of the list is empty now; showing the first."))
            level = try roots(.first)
        }
        let pager = DashboardPager(level) { DashboardPath.with(DashboardPath.hierarchy, [($0, $1)]) }
        return .html(HierarchyRootsPage.render(level, rootType: Self.hierarchyRootType, pager: pager, notices: query.notices, viewer: viewer))
    }
}

extension DashboardPager {
    /// The pager of a page of one hierarchy level, paged by key.
    init(_ level: HierarchyLevel, link: (String, String) -> String) {
        self.init(preceding: level.preceding, shown: level.nodes.count, total: level.totalCount,
                  head: level.nodes.first?.key, tail: level.nodes.last?.key, link: link)
    }
}
