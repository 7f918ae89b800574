import JSON
import WorkSupportStore

/// Nests the flat rows of the hierarchy query (depth order) into `children` arrays.
struct IssueTree {
    private let roots: [HierarchyNode]
    /// Rows by (parent key, depth): a key can sit at two depths when bad data makes a root
    /// another root's descendant, and each occurrence keeps its own subtree.
    private let childrenByParent: [ParentSlot: [HierarchyNode]]

    private struct ParentSlot: Hashable {
        let key: String
        let depth: Int
    }

    init(nodes: [HierarchyNode]) {
        roots = nodes.filter { $0.parentKey == nil }
        var children: [ParentSlot: [HierarchyNode]] = [:]
        for node in nodes {
            guard let parent = node.parentKey else { continue }
            children[ParentSlot(key: parent, depth: node.depth - 1), default: []].append(node)
        }
        childrenByParent = children
    }

    func json() -> [JSONValue] {
        roots.map(json(of:))
    }

    private func json(of node: HierarchyNode) -> JSONValue {
        let children = childrenByParent[ParentSlot(key: node.issueKey, depth: node.depth)] ?? []
        return .object([
            "issue_key": .string(node.issueKey),
            "summary": .string(node.summary),
            "issue_type": node.issueType.map { .string($0) } ?? .null,
            "status": node.status.map { .string($0) } ?? .null,
            "assignee": node.assignee.map { .string($0) } ?? .null,
            "assignee_name": node.assigneeName.map { .string($0) } ?? .null,
            "children": .array(children.map(json(of:))),
        ])
    }
}
