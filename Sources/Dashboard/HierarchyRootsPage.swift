import WorkSupportStore

/// `/ui/hierarchy` without a root: the roots (Product Versions), a page at a time, each with
/// the number of its children and a link to its tree.
public enum HierarchyRootsPage {
    public static let pageSize = 100

    public static func render(_ level: HierarchyLevel, rootType: String, pager: DashboardPager, notices: [DashboardNotice],
                              viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Hierarchy", section: .hierarchy, viewer: viewer, notices: notices) { html in
            HierarchyPage.rootForm(nil, into: &html)
            guard !level.nodes.isEmpty else {
                html.element("p", [("class", "muted")], text: "No \(rootType) is harvested yet.")
                return
            }
            pager.write(noun: "\(rootType)s; open one to see its tree", id: "root-count", previousLabel: "previous",
                        nextLabel: "next", into: &html)
            html.raw("<table id=\"roots\" class=\"sortable\"><thead><tr><th>key</th><th>summary</th><th>status</th>")
            html.raw("<th>assignee</th><th class=\"num\">children</th><th></th></tr></thead><tbody>")
            for root in level.nodes {
                html.element("tr") { row in
                    row.element("td") { $0.link(DashboardPath.hierarchy(root: root.key), text: root.key, [("data-key", root.key)]) }
                    row.element("td") { $0.link(DashboardPath.issue(root.key), text: root.summary) }
                    row.element("td", text: root.status ?? "–")
                    row.element("td", text: root.assignee ?? "–")
                    row.element("td", [("class", "num")], text: String(root.childCount))
                    row.element("td") { cell in
                        if let url = root.url, HTML.webURL(url) != nil { cell.externalLink(url, text: "↗", label: "\(root.key) upstream") }
                    }
                }
            }
            html.raw("</tbody></table>")
        }
    }
}
