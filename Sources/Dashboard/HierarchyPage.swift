import WorkSupportStore

/// `/ui/hierarchy?root_key=K`: the tree below K, one level at a time so a version of thousands
/// of issues stays a light page. K's children are shown (paged); a child with children of its
/// own opens by a link (`open=KEY`, several at once) that the server renders, so the tree
/// expands without script. Each issue links to its page and to Jira or GitHub.
public enum HierarchyPage {
    /// The root's children on one page.
    public static let childrenPerPage = 100
    /// Children shown below an opened node; the rest are in that node's own tree.
    public static let childrenPerOpenNode = 50
    /// Nodes on one page at most (with the root's children): about 400 bytes each.
    public static let nodeBudget = 200
    /// Opened nodes at most: each toggle link repeats them.
    public static let maxOpen = 4

    /// The tree as fetched: the root, and the children (a page) of the root and of each node
    /// opened, by parent key.
    public struct Tree: Sendable {
        public var root: HierarchyNodeRecord
        public var levels: [String: HierarchyLevel]
        /// The opened nodes shown, in the order they were asked for.
        public var opened: [String]
        /// The page of the root's children (kept by toggle links).
        public var cursor: KeyCursor

        public init(root: HierarchyNodeRecord, levels: [String: HierarchyLevel], opened: [String], cursor: KeyCursor) {
            self.root = root
            self.levels = levels
            self.opened = opened
            self.cursor = cursor
        }
    }

    public static func render(_ tree: Tree, pager: DashboardPager, notices: [DashboardNotice], viewer: DashboardViewer) -> [UInt8] {
        DashboardLayout.page(title: "Hierarchy below \(tree.root.key)", section: .hierarchy, viewer: viewer, notices: notices) { html in
            rootForm(tree.root.key, into: &html)
            html.element("p", [("class", "muted"), ("id", "node-count")],
                         text: "\(tree.root.childCount) children; open one (▸) to see its own.")
            html.raw("<div class=\"tree\" id=\"tree\"><ul><li>")
            node(tree.root, toggle: nil, into: &html)
            var path: Set<String> = [tree.root.key]
            children(of: tree.root.key, in: tree, path: &path, into: &html)
            if pager.previous != nil || pager.next != nil {
                pager.write(noun: "children", id: "children-count", previousLabel: "previous", nextLabel: "next", into: &html)
            }
            html.raw("</li></ul></div>")
        }
    }

    /// The children of `parent` shown, each opened one with its own below it. `path` holds the
    /// keys above, so bad data with a cycle (A → B → A) stops instead of repeating.
    static func children(of parent: String, in tree: Tree, path: inout Set<String>, into html: inout HTML) {
        guard let level = tree.levels[parent], !level.nodes.isEmpty else { return }
        html.raw("<ul>")
        for child in level.nodes {
            html.open("li", [("id", "node-" + child.key)])
            let isOpen = tree.opened.contains(child.key) && tree.levels[child.key] != nil && !path.contains(child.key)
            node(child, toggle: child.childCount > 0 ? toggle(child, open: isOpen, tree: tree) : nil, into: &html)
            if isOpen {
                path.insert(child.key)
                children(of: child.key, in: tree, path: &path, into: &html)
                path.remove(child.key)
            }
            html.close("li")
        }
        if parent != tree.root.key, level.totalCount > level.nodes.count {
            html.raw("<li class=\"more\">")
            html.link(DashboardPath.hierarchy(root: parent), text: "\(level.totalCount - level.nodes.count) more in \(parent)’s own tree")
            html.raw("</li>")
        }
        html.raw("</ul>")
    }

    /// The link that opens (`▸ 9`) or closes (`▾ 9`) a node: this page with the node added to,
    /// or taken with what was opened below it from, the opened ones.
    static func toggle(_ node: HierarchyNodeRecord, open: Bool, tree: Tree) -> (href: String, open: Bool) {
        var opened = tree.opened
        if open {
            let closing = keys(below: node.key, in: tree).union([node.key])
            opened.removeAll { closing.contains($0) }
        } else {
            opened.append(node.key)
        }
        let query = [("root_key", tree.root.key), ("after", tree.cursor.after), ("before", tree.cursor.before)]
            + opened.map { ("open", $0) as (String, String?) }
        return (DashboardPath.with(DashboardPath.hierarchy, query) + "#node-" + DashboardPath.encoded(node.key), open)
    }

    static func keys(below key: String, in tree: Tree) -> Set<String> {
        var found: Set<String> = []
        var pending = [key]
        while let next = pending.popLast() {
            for child in tree.levels[next]?.nodes ?? [] where found.insert(child.key).inserted { pending.append(child.key) }
        }
        return found
    }

    static func node(_ node: HierarchyNodeRecord, toggle: (href: String, open: Bool)?, into html: inout HTML) {
        if let toggle {
            html.element("a", [("class", "toggle"), ("href", toggle.href), ("aria-expanded", toggle.open ? "true" : "false"),
                               ("aria-label", (toggle.open ? "hide the children of " : "show the children of ") + node.key)],
                         text: (toggle.open ? "▾ " : "▸ ") + String(node.childCount))
        }
        html.link(DashboardPath.issue(node.key), text: node.key, [("data-key", node.key)])
        html.raw(" ")
        html.text(node.summary)
        html.raw(" <span class=\"type\">")
        html.text([node.issueType, node.status, node.assignee].compactMap { $0 }.joined(separator: " · "))
        html.raw("</span> ")
        if let url = node.url, HTML.webURL(url) != nil {
            html.externalLink(url, text: "↗", label: "\(node.key) upstream")
        }
    }

    static func rootForm(_ rootKey: String?, into html: inout HTML) {
        html.open("form", [("method", "get"), ("action", DashboardPath.hierarchy), ("class", "filters")])
        html.raw("<label>root issue key")
        html.open("input", [("name", "root_key"), ("value", rootKey ?? ""), ("placeholder", "e.g. PV-1")])
        html.raw("</label><button type=\"submit\">Show tree</button></form>")
    }
}
