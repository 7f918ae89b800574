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

    /// Interactions of any kind a member took part in (as actor or as person target), in the
    /// window and in the window of the same length before it.
    static let quiet = StoreStatement(name: "team_quiet", sql: """
        WITH bounds AS (
            SELECT $1::timestamptz AS since, $2::timestamptz AS until,
                   $1::timestamptz - ($2::timestamptz - $1::timestamptz) AS before
        ), touched AS (
            SELECT x.actor AS person, x.occurred_at FROM interactions x, bounds b
            WHERE x.occurred_at >= b.before AND x.occurred_at < b.until
            UNION ALL
            SELECT x.target, x.occurred_at FROM interactions x, bounds b
            WHERE x.occurred_at >= b.before AND x.occurred_at < b.until
              AND x.kind IN ('REVIEWED', 'MENTIONED', 'REPLIED_TO') AND x.target <> x.actor
        ), counted AS (
            SELECT m.member_id, m.name,
                   count(t.person) FILTER (WHERE t.occurred_at >= b.since) AS current,
                   count(t.person) FILTER (WHERE t.occurred_at < b.since) AS previous
            FROM team_members m CROSS JOIN bounds b
            LEFT JOIN touched t ON t.person = m.member_id
            GROUP BY m.member_id, m.name
        )
        SELECT json_build_object(
            \(window),
            'previous_since', (SELECT \(APISQL.rfc3339("before")) FROM bounds),
            'members', (SELECT count(*) FROM counted),
            'quiet_count', (SELECT count(*) FROM counted WHERE current = 0),
            'quiet', coalesce((SELECT json_agg(json_build_object('id', member_id, 'name', name, 'interactions', current,
                                                                 'previous', previous) ORDER BY member_id)
                               FROM counted WHERE current = 0), '[]'::json),
            'dropped_count', (SELECT count(*) FROM counted WHERE current > 0 AND current * 2 < previous),
            'dropped', coalesce((SELECT json_agg(json_build_object('id', member_id, 'name', name, 'interactions', current,
                                                                   'previous', previous,
                                                                   'ratio', round(current::numeric / previous, 4))
                                                 ORDER BY current::float8 / previous, member_id)
                                 FROM counted WHERE current > 0 AND current * 2 < previous), '[]'::json)
        )::text AS body
        """)

    /// Product owners (`role` po) and the tickets not done and updated since `$1` that are
    /// assigned to them, that they commented on, or in which they were mentioned.
    static let owners = StoreStatement(name: "team_owners", sql: """
        WITH owners AS (
            SELECT member_id, name FROM team_members WHERE lower(role) = 'po'
        ), links AS (
            SELECT o.member_id, i.issue_key, 'assigned' AS link
            FROM owners o JOIN issues i ON i.assignee_member_id = o.member_id
            UNION
            SELECT o.member_id, x.issue_key,
                   CASE x.kind WHEN 'ASSIGNED_TO' THEN 'assigned' WHEN 'COMMENTED_ON' THEN 'commented' ELSE 'mentioned' END
            FROM owners o JOIN interactions x
              ON x.issue_key IS NOT NULL AND x.kind IN ('ASSIGNED_TO', 'COMMENTED_ON', 'MENTIONED')
             AND (x.actor = o.member_id OR (x.kind = 'MENTIONED' AND x.target = o.member_id))
        ), current AS (
            SELECT l.member_id, i.issue_key, i.summary, i.status, i.updated_at,
                   array_agg(DISTINCT l.link ORDER BY l.link) AS links
            FROM links l JOIN issues i ON i.issue_key = l.issue_key
            WHERE i.status_category IS DISTINCT FROM 'done' AND i.updated_at >= $1::timestamptz
            GROUP BY l.member_id, i.issue_key, i.summary, i.status, i.updated_at
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

    /// Nodes (User, Issue, Channel) and the window's interactions merged per (kind, actor,
    /// target), plus IN_CHANNEL person -> channel for interactions that happened in a channel.
    static let graph = StoreStatement(name: "team_graph", sql: """
        WITH chosen AS (
            SELECT kind, actor, target, channel_id, occurred_at FROM interactions
            WHERE occurred_at >= $1::timestamptz AND occurred_at < $2::timestamptz
        ), edges AS (
            SELECT kind AS type, actor AS source, target,
                   CASE WHEN kind IN ('ASSIGNED_TO', 'COMMENTED_ON') THEN 'Issue' ELSE 'User' END AS target_label,
                   count(*) AS count, min(occurred_at) AS first, max(occurred_at) AS last
            FROM chosen GROUP BY kind, actor, target
            UNION ALL
            SELECT 'IN_CHANNEL', actor, channel_id, 'Channel', count(*), min(occurred_at), max(occurred_at)
            FROM chosen WHERE channel_id IS NOT NULL GROUP BY actor, channel_id
        ), people AS (
            SELECT member_id AS id FROM team_members
            UNION SELECT source FROM edges
            UNION SELECT target FROM edges WHERE target_label = 'User'
        ), nodes AS (
            SELECT 'User' AS label, p.id, m.name, m.member_id IS NOT NULL AS member, m.role, NULL::text AS status
            FROM people p LEFT JOIN team_members m ON m.member_id = p.id
            UNION ALL
            SELECT 'Issue', e.target, i.summary, false, NULL, i.status
            FROM (SELECT DISTINCT target FROM edges WHERE target_label = 'Issue') e LEFT JOIN issues i ON i.issue_key = e.target
            UNION ALL
            SELECT 'Channel', e.target, c.name, false, NULL, NULL
            FROM (SELECT DISTINCT target FROM edges WHERE target_label = 'Channel') e LEFT JOIN slack_channels c ON c.id = e.target
        )
        SELECT json_build_object(
            \(window),
            'node_count', (SELECT count(*) FROM nodes),
            'edge_count', (SELECT count(*) FROM edges),
            'nodes', coalesce((SELECT json_agg(json_strip_nulls(json_build_object(
                'label', label, 'id', id, 'name', name, 'member', CASE WHEN label = 'User' THEN member END,
                'role', role, 'status', status)) ORDER BY label DESC, id) FROM nodes), '[]'::json),
            'edges', coalesce((SELECT json_agg(json_build_object(
                'type', type, 'source', source, 'target', target, 'target_label', target_label, 'count', count,
                'first', \(APISQL.rfc3339("first")), 'last', \(APISQL.rfc3339("last")))
                ORDER BY type, source, target) FROM edges), '[]'::json)
        )::text AS body
        """)
}
