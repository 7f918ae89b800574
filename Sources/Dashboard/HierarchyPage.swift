import WorkSupportStore

/// `/ui/hierarchy`: without a root, the Product Versions (each opens its tree); with
/// `root_key`, the whole tree below it as nested `<details>` (expandable without script), each
/// issue linking to its page and to Jira or GitHub.
public enum HierarchyPage {
    public static func render(_ rows: HierarchyRows, rootKey: String?, notices: [DashboardNotice],
                              viewer: DashboardViewer) -> [UInt8] {
        let title = rootKey.map { "Hierarchy below \($0)" } ?? "Hierarchy"
        return DashboardLayout.page(title: title, section: .hierarchy, viewer: viewer, notices: notices) { html in
            html.open("form", [("method", "get"), ("action", DashboardPath.hierarchy), ("class", "filters")])
            html.raw("<label>root issue key")
            html.open("input", [("name", "root_key"), ("value", rootKey ?? ""), ("placeholder", "e.g. PV-1")])
            html.raw("</label><button type=\"submit\">Show tree</button></form>")
            guard rows.count > 0 else {
                html.element("p", [("class", "muted")], text: rootKey == nil ? "No Product Version is harvested yet." : "Nothing to show.")
                return
            }
            if rootKey == nil {
                html.element("p", [("class", "muted")], text: "\(rows.count) Product Versions; open one to see its tree.")
            } else {
                html.element("p", [("class", "muted"), ("id", "node-count")], text: "\(rows.count) issues")
            }
            html.raw("<div class=\"tree\" id=\"tree\"><ul>")
            var openDepths: [Int] = []   // depths whose <details> are open on the way down
            for index in 0..<rows.count {
                let depth = rows.depth(index)
                while let last = openDepths.last, last >= depth {
                    html.raw("</ul></details></li>")
                    openDepths.removeLast()
                }
                let hasChildren = rootKey != nil && index + 1 < rows.count && rows.depth(index + 1) > depth
                if hasChildren {
                    html.raw(depth < 2 ? "<li><details open><summary>" : "<li><details><summary>")
                    node(rows, index, linkTree: false, into: &html)
                    html.raw("</summary><ul>")
                    openDepths.append(depth)
                } else {
                    html.raw("<li class=\"leaf\">")
                    node(rows, index, linkTree: rootKey == nil, into: &html)
                    html.raw("</li>")
                }
            }
            for _ in openDepths { html.raw("</ul></details></li>") }
            html.raw("</ul></div>")
        }
    }

    static func node(_ rows: HierarchyRows, _ index: Int, linkTree: Bool, into html: inout HTML) {
        func text(_ column: HierarchyRows.Column) -> String? {
            rows.cell(index, column).map { String(decoding: $0, as: UTF8.self) }
        }
        let key = text(.issueKey) ?? ""
        html.link(linkTree ? DashboardPath.hierarchy(root: key) : DashboardPath.issue(key), text: key, [("data-key", key)])
        html.raw(" ")
        html.text(text(.summary) ?? "")
        html.raw(" <span class=\"type\">")
        html.text([text(.issueType), text(.status), text(.assigneeName) ?? text(.assignee)].compactMap { $0 }.joined(separator: " · "))
        html.raw("</span> ")
        if let url = text(.url), HTML.webURL(url) != nil {
            html.externalLink(url, text: "↗", label: "\(key) upstream")
        }
    }
}
