import Postgres

/// One issue as the API shows it, built by the database as a JSON document.
public struct IssueQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The issue's JSON text (normalized fields, parent summary, children keys, open anomalies),
    /// or nil when no issue has this key.
    public func issueJSON(key: String) throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.issueDetail, [key]).first?.get("body") }
    }

    static let issueDetail = StoreStatement(name: "api_issue_detail", sql: """
        SELECT json_build_object(
            'issue_key', i.issue_key,
            'source', i.source,
            'summary', i.summary,
            'status', i.status,
            'status_category', i.status_category,
            'issue_type', json_build_object('id', i.issue_type_id, 'name', t.name),
            'upstream_issue_type', i.issue_type_name,
            'parent_key', i.parent_key,
            'epic_key', i.epic_key,
            'assignee', i.assignee,
            'assignee_member', CASE WHEN m.member_id IS NULL THEN NULL
                ELSE json_build_object('id', m.member_id, 'name', m.name, 'jira_id', m.jira_id,
                                       'github_id', m.github_id) END,
            'labels', i.labels,
            'fix_versions', i.fix_versions,
            'url', i.url,
            'created_at', \(APISQL.rfc3339("i.created_at")),
            'updated_at', \(APISQL.rfc3339("i.updated_at")),
            'resolved_at', \(APISQL.rfc3339("i.resolved_at")),
            'harvested_at', \(APISQL.rfc3339("i.harvested_at")),
            'changed_by', i.changed_by,
            'changed_at', \(APISQL.rfc3339("i.changed_at")),
            'parent', (SELECT json_build_object('issue_key', p.issue_key, 'summary', p.summary,
                                                'status', p.status, 'issue_type', pt.name)
                       FROM issues p LEFT JOIN issue_types pt ON pt.id = p.issue_type_id
                       WHERE p.issue_key = i.parent_key),
            'children', coalesce((SELECT json_agg(c.issue_key ORDER BY c.issue_key)
                                  FROM issues c WHERE c.parent_key = i.issue_key), '[]'::json),
            'anomalies', coalesce((SELECT json_agg(json_build_object(
                                          'kind', a.kind,
                                          'first_seen', \(APISQL.rfc3339("a.first_seen")),
                                          'last_seen', \(APISQL.rfc3339("a.last_seen")),
                                          'occurrences', a.occurrences,
                                          'details', a.details) ORDER BY a.kind)
                                   FROM anomalies a
                                   WHERE a.issue_key = i.issue_key AND a.resolved_at IS NULL), '[]'::json)
        )::text AS body
        FROM issues i
        LEFT JOIN issue_types t ON t.id = i.issue_type_id
        LEFT JOIN team_members m ON m.member_id = i.assignee_member_id
        WHERE i.issue_key = $1
        """)
}
