/// The statements of `TeamGraphQueries`; `$1`/`$2` are the window `[since, until)`.
enum TeamGraphSQL {
    static let window = "'since', \(APISQL.rfc3339("$1::timestamptz")), 'until', \(APISQL.rfc3339("$2::timestamptz"))"

    static let members = StoreStatement(name: "team_members_list", sql: """
        SELECT member_id, name, role FROM team_members ORDER BY member_id
        """)

    static let reviewEdges = StoreStatement(name: "team_review_edges", sql: """
        SELECT actor, target, count(*)::bigint AS reviews
        FROM interactions
        WHERE kind = 'REVIEWED' AND occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz
        GROUP BY actor, target
        """)

    /// Product owners (`role` po) and the tickets not done and updated since `$1` that are
    /// assigned to them, that they commented on, or in which they were mentioned.
    static let owners = StoreStatement(name: "team_owners", sql: """
        WITH owners AS (
            SELECT member_id, name FROM team_members WHERE lower(role) = 'po'
        ), tickets AS (
            SELECT issue_key, summary, status, updated_at, assignee_member_id FROM issues
            WHERE updated_at >= $1::timestamptz AND status_category IS DISTINCT FROM 'done'
        ), ticket_edges AS MATERIALIZED (
            -- From each current ticket to its edges (few), not from an owner to all of theirs (many);
            -- read once for all owners (MATERIALIZED), not once per owner. OFFSET 0 keeps the
            -- planner from turning the lateral subquery back into a join.
            SELECT t.issue_key, x.kind, x.actor, x.target,
                   CASE x.kind WHEN 'ASSIGNED_TO' THEN 'assigned' WHEN 'COMMENTED_ON' THEN 'commented' ELSE 'mentioned' END AS link
            FROM tickets t
            CROSS JOIN LATERAL (SELECT kind, actor, target FROM interactions
                                WHERE issue_key = t.issue_key AND kind IN ('ASSIGNED_TO', 'COMMENTED_ON', 'MENTIONED')
                                OFFSET 0) x
        ), links AS (
            SELECT o.member_id, t.issue_key, 'assigned' AS link
            FROM tickets t JOIN owners o ON o.member_id = t.assignee_member_id
            UNION
            SELECT o.member_id, e.issue_key, e.link
            FROM ticket_edges e JOIN owners o ON e.actor = o.member_id OR (e.kind = 'MENTIONED' AND e.target = o.member_id)
        ), current AS (
            SELECT l.member_id, t.issue_key, t.summary, t.status, t.updated_at, array_agg(l.link ORDER BY l.link) AS links
            FROM links l JOIN tickets t ON t.issue_key = l.issue_key
            GROUP BY l.member_id, t.issue_key, t.summary, t.status, t.updated_at
        )
        SELECT json_build_object(
            \(window),
            'owners_count', (SELECT count(*) FROM owners),
            'without_tickets_count', (SELECT count(*) FROM owners o WHERE NOT EXISTS (SELECT 1 FROM current c WHERE c.member_id = o.member_id)),
            'owners', coalesce((SELECT json_agg(json_build_object(
                'id', o.member_id, 'name', o.name,
                'ticket_count', (SELECT count(*) FROM current c WHERE c.member_id = o.member_id),
                'tickets', coalesce((SELECT json_agg(json_build_object('issue_key', c.issue_key, 'summary', c.summary,
                                                                       'status', c.status,
                                                                       'updated_at', \(APISQL.rfc3339("c.updated_at")),
                                                                       'links', c.links)
                                                     ORDER BY c.updated_at DESC, c.issue_key)
                                     FROM current c WHERE c.member_id = o.member_id), '[]'::json))
                ORDER BY o.member_id) FROM owners o), '[]'::json)
        )::text AS body
        """)

    /// The window's interactions merged per (kind, actor, target), plus IN_CHANNEL person ->
    /// channel for interactions that happened in a channel: both groupings in one pass over the
    /// window (the second grouping set; its rows without a channel are dropped). First and last
    /// come as the API's text: the response copies them, thousands per graph.
    static let graphEdges = StoreStatement(name: "team_graph_edges", sql: """
        SELECT CASE WHEN GROUPING(kind) = 1 THEN 'IN_CHANNEL' ELSE kind END AS type, actor AS source,
               CASE WHEN GROUPING(kind) = 1 THEN channel_id ELSE target END AS target,
               count(*)::bigint AS count, \(APISQL.rfc3339("min(occurred_at)")) AS first,
               \(APISQL.rfc3339("max(occurred_at)")) AS last
        FROM interactions WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz
        GROUP BY GROUPING SETS ((kind, actor, target), (actor, channel_id))
        HAVING GROUPING(kind) = 0 OR channel_id IS NOT NULL
        """)

    static let issueNodes = StoreStatement(name: "team_graph_issues", sql: """
        SELECT issue_key, summary, status FROM issues WHERE issue_key = ANY($1::text[])
        """)

    static let channelNodes = StoreStatement(name: "team_graph_channels", sql: """
        SELECT id, name FROM slack_channels WHERE id = ANY($1::text[])
        """)
}
