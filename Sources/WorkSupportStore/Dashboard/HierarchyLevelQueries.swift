import Postgres

/// The dashboard's hierarchy one level at a time: the roots (Product Versions), or the children
/// of one issue, a page in byte order of their keys, each with how many children it has. A
/// page costs its own rows and an index count per row, whatever the size of the trees below.
public struct HierarchyLevelQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The issues of the root type `rootType` (name in any case).
    public func roots(type rootType: String, cursor: KeyCursor, limit: Int) throws(StoreError) -> HierarchyLevel {
        try level(Self.rootLevel, rootType, cursor: cursor, limit: limit)
    }

    /// The issues whose `parent_key` is `parentKey`.
    public func children(of parentKey: String, cursor: KeyCursor, limit: Int) throws(StoreError) -> HierarchyLevel {
        try level(Self.childLevel, parentKey, cursor: cursor, limit: limit)
    }

    /// One issue as a node (with its children counted), nil when no issue has the key.
    public func node(key: String) throws(StoreError) -> HierarchyNodeRecord? {
        try storeCall { try connection.run(Self.nodeOne, [key]).first.map(Self.node) }
    }

    private func level(_ statement: StoreStatement, _ member: String, cursor: KeyCursor,
                       limit: Int) throws(StoreError) -> HierarchyLevel {
        try storeCall {
            let rows = try connection.run(statement, [cursor.after, cursor.before, limit, member])
            guard let first = rows.first else {
                let total: Int = try connection.run(statement, [nil as String?, nil as String?, 1, member]).first?.get("total_count") ?? 0
                return HierarchyLevel(nodes: [], totalCount: total, preceding: 0)
            }
            return HierarchyLevel(nodes: try rows.map(Self.node), totalCount: try first.get("total_count"),
                                  preceding: try first.get("preceding"))
        }
    }

    static func node(_ row: PostgresRow) throws -> HierarchyNodeRecord {
        HierarchyNodeRecord(key: try row.get("issue_key"), summary: try row.get("summary"), issueType: try row.get("issue_type"),
                            status: try row.get("status"), assignee: try row.get("assignee"), url: try row.get("url"),
                            parentKey: try row.get("parent_key"), childCount: try row.get("child_count"))
    }

    static let nodeColumns = """
        i.issue_key, i.summary, t.name AS issue_type, i.status, coalesce(m.name, i.assignee) AS assignee, i.url, i.parent_key,
        (SELECT count(*) FROM issues c WHERE c.parent_key = i.issue_key)::int AS child_count
        """

    static let nodeJoins = """
        LEFT JOIN issue_types t ON t.id = i.issue_type_id
        LEFT JOIN team_members m ON m.member_id = i.assignee_member_id
        """

    /// `$1` after this key, `$2` before it (the page just before, shown in key order), `$3` the
    /// page size, `$4` what `members` selects by. `preceding` counts the level's keys before the
    /// page, so the page knows its place and whether more come after it.
    static func level(_ members: String) -> String { """
        WITH level AS MATERIALIZED (SELECT l.issue_key FROM issues l WHERE \(members)),
        page AS MATERIALIZED (
            SELECT issue_key FROM level
            WHERE ($1::text IS NULL OR issue_key COLLATE "C" > $1::text)
              AND ($2::text IS NULL OR issue_key COLLATE "C" < $2::text)
            ORDER BY CASE WHEN $2::text IS NULL THEN issue_key END COLLATE "C",
                     CASE WHEN $2::text IS NOT NULL THEN issue_key END COLLATE "C" DESC
            LIMIT $3::int
        )
        SELECT \(nodeColumns), (SELECT count(*) FROM level)::int AS total_count,
               (SELECT count(*) FROM level l
                WHERE l.issue_key COLLATE "C" < (SELECT min(issue_key COLLATE "C") FROM page))::int AS preceding
        FROM page p JOIN issues i ON i.issue_key = p.issue_key
        \(nodeJoins)
        ORDER BY i.issue_key COLLATE "C"
        """ }

    static let rootLevel = StoreStatement(name: "ui_hierarchy_roots", sql: level(
        "l.issue_type_id IN (SELECT id FROM issue_types WHERE lower(name) = lower($4::text))"))

    static let childLevel = StoreStatement(name: "ui_hierarchy_children", sql: level("l.parent_key = $4::text"))

    static let nodeOne = StoreStatement(name: "ui_hierarchy_node", sql: """
        SELECT \(nodeColumns) FROM issues i \(nodeJoins) WHERE i.issue_key = $1
        """)
}

/// Where a page of a list starts: after the given key, before it, or at the beginning.
public struct KeyCursor: Sendable, Equatable {
    public var after: String?
    public var before: String?

    public static let first = KeyCursor()

    public init(after: String? = nil, before: String? = nil) {
        self.after = after
        self.before = before
    }
}
