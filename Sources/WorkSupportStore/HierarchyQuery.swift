import Postgres

/// One issue of a hierarchy, with its parent in the tree (nil for a root) and its depth (0 for a root).
public struct HierarchyNode: Sendable, Equatable {
    public let issueKey: String
    public let parentKey: String?
    public let depth: Int
    public let summary: String
    public let issueType: String?
    public let status: String?
    public let assignee: String?
    /// The team member's name when the assignee is a configured member.
    public let assigneeName: String?
}

/// Issue trees from root issues down to `maxDepth` levels of children, in one recursive CTE.
public struct HierarchyQuery {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Nodes in depth order, then key order, and when the last harvest finished.
    /// `rootType` (name in any case, or id) and `rootKey` select the roots; nil means any.
    public func nodes(rootType: String?, rootKey: String?,
                      maxDepth: Int) throws(StoreError) -> (nodes: [HierarchyNode], harvestedAt: String?) {
        try storeCall {
            var parameters: [any PostgresEncodable] = [maxDepth]
            var conditions: [String] = []
            if let rootType {
                parameters.append(rootType)
                conditions.append(Self.rootTypeCondition.replacing("$N", with: "$\(parameters.count)"))
            }
            if let rootKey {
                parameters.append(rootKey)
                conditions.append(Self.rootKeyCondition.replacing("$N", with: "$\(parameters.count)"))
            }
            let name = "api_hierarchy_\(rootType == nil ? "any" : "type")_\(rootKey == nil ? "any" : "key")"
            let statement = StoreStatement(name: name, sql: Self.tree(
                rootCondition: conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")))
            let rows = try connection.run(statement, parameters)
            let harvestedAt: String? = try connection.run(Self.lastHarvest).first?.get("harvested_at")
            let nodes = try rows.map { row in
                HierarchyNode(issueKey: try row.get("issue_key"), parentKey: try row.get("tree_parent"),
                              depth: try row.get("depth"), summary: try row.get("summary"),
                              issueType: try row.get("issue_type"), status: try row.get("status"),
                              assignee: try row.get("assignee"), assigneeName: try row.get("assignee_name"))
            }
            return (nodes, harvestedAt)
        }
    }

    /// `path` stops cycles (A → B → A) that bad upstream data could create.
    static let rootTypeCondition = """
        r.issue_type_id IN (SELECT id FROM issue_types WHERE lower(name) = lower($N::text) OR id::text = $N::text)
        """
    static let rootKeyCondition = "r.issue_key = $N::text"

    /// Each combination of root conditions is its own statement, so each plan can use its index.
    /// The CTE carries the columns it shows: joining `issues` again afterwards made the planner
    /// hash the whole table (120 ms on 100k issues instead of 12 ms).
    static func tree(rootCondition: String) -> String { """
        WITH RECURSIVE tree (issue_key, tree_parent, depth, path, summary, status, issue_type_id,
                             assignee, assignee_member_id) AS (
            SELECT r.issue_key, NULL::text, 0, ARRAY[r.issue_key], r.summary, r.status, r.issue_type_id,
                   r.assignee, r.assignee_member_id
            FROM issues r
            WHERE \(rootCondition)
          UNION ALL
            SELECT c.issue_key, t.issue_key, t.depth + 1, t.path || c.issue_key, c.summary, c.status,
                   c.issue_type_id, c.assignee, c.assignee_member_id
            FROM tree t JOIN issues c ON c.parent_key = t.issue_key
            WHERE t.depth < $1::integer AND c.issue_key <> ALL (t.path)
        )
        SELECT t.issue_key, t.tree_parent, t.depth, t.summary, ty.name AS issue_type, t.status,
               t.assignee, m.name AS assignee_name
        FROM tree t
        LEFT JOIN issue_types ty ON ty.id = t.issue_type_id
        LEFT JOIN team_members m ON m.member_id = t.assignee_member_id
        ORDER BY t.depth, t.issue_key
        """
    }

    static let lastHarvest = StoreStatement(name: "api_last_harvested_at",
                                            sql: "SELECT \(APISQL.lastHarvestedAt) AS harvested_at")
}
