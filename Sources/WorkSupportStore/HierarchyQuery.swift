import Postgres

/// Issue trees from root issues down to `maxDepth` levels of children, in one recursive CTE.
public struct HierarchyQuery {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The nodes in depth-first order (each node before its children; roots and siblings in byte
    /// order of their keys), read in place by `body` with when the last harvest finished (RFC 3339, nil before
    /// the first). `rootType` (name in any case, or id) and `rootKey` select the roots; nil means any.
    public func tree<R>(rootType: String?, rootKey: String?, maxDepth: Int,
                        _ body: (HierarchyRows, _ harvestedAt: String?) -> R) throws(StoreError) -> R {
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
            let harvestedAt: String? = try connection.run(APISQL.lastHarvest).first?.get("harvested_at")
            return try connection.run(statement, parameters) { rows throws(PostgresError) in
                body(HierarchyRows(result: rows), harvestedAt)
            }
        }
    }

    /// `path` stops cycles (A → B → A) that bad upstream data could create.
    static let rootTypeCondition = """
        r.issue_type_id IN (SELECT id FROM issue_types WHERE lower(name) = lower($N::text) OR id::text = $N::text)
        """
    static let rootKeyCondition = "r.issue_key = $N::text"

    /// Each combination of root conditions is its own statement, so each plan can use its index.
    /// The CTE carries the columns it shows: joining `issues` again afterwards made the planner
    /// hash the whole table (ten times slower on a large one). The rows come unsorted:
    /// `HierarchyRows` puts them in depth-first order, which `ORDER BY path` did at a large share
    /// of the statement's time. A key reached along two paths (a root that bad data also makes another
    /// root's descendant) appears once per path, at a different depth, with its subtree each time.
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
        SELECT t.depth, t.tree_parent, t.issue_key, t.summary, ty.name AS issue_type, t.status, t.assignee,
               m.name AS assignee_name
        FROM tree t
        LEFT JOIN issue_types ty ON ty.id = t.issue_type_id
        LEFT JOIN team_members m ON m.member_id = t.assignee_member_id
        """
    }
}
