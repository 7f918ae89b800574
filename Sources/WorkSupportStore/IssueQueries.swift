import Postgres

/// One issue as the API shows it, built from the tables by one statement.
public struct IssueQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The issue's JSON document (UTF-8: normalized fields, parent summary, children keys, open
    /// anomalies), or nil when no issue has this key. Read in place, copied once.
    public func issueJSON(key: String) throws(StoreError) -> [UInt8]? {
        try storeCall {
            try connection.run(Self.issueDetail, [key]) { result in
                result.rowCount > 0 ? result.cell(0, 0).map { Array($0) } : nil
            }
        }
    }

    /// What shows: the issue's row (all but `raw`, `last_run_id`, `linked_key`), its type's
    /// name, its assignee's team member, its parent's key, summary, status and type name, its
    /// children's keys, its open anomalies.
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
            'created_at', to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'updated_at', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'resolved_at', to_char(i.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'harvested_at', to_char(i.harvested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'changed_by', i.changed_by,
            'changed_at', to_char(i.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'parent', (SELECT json_build_object('issue_key', p.issue_key, 'summary', p.summary,
                                                'status', p.status, 'issue_type', pt.name)
                       FROM issues p LEFT JOIN issue_types pt ON pt.id = p.issue_type_id
                       WHERE p.issue_key = i.parent_key),
            'children', coalesce((SELECT json_agg(c.issue_key ORDER BY c.issue_key)
                                  FROM issues c WHERE c.parent_key = i.issue_key), '[]'::json),
            'anomalies', coalesce((SELECT json_agg(json_build_object(
                                          'kind', a.kind,
                                          'first_seen', to_char(a.first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                          'last_seen', to_char(a.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                          'occurrences', a.occurrences,
                                          'details', a.details) ORDER BY a.kind)
                                   FROM anomalies a
                                   WHERE a.issue_key = i.issue_key AND a.resolved_at IS NULL), '[]'::json)
        )::text
        FROM issues i
        LEFT JOIN issue_types t ON t.id = i.issue_type_id
        LEFT JOIN team_members m ON m.member_id = i.assignee_member_id
        WHERE i.issue_key = $1::text
        """)
}
