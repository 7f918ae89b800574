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

    /// The same document and the check of the request's API key (by the SHA-256 hex of the key
    /// presented) in one statement: one round trip instead of two for the API's most frequent
    /// read. The document is built only for an active key.
    public func issueJSON(key: String, checkingKeyHash hash: String) throws(StoreError) -> KeyCheckedIssue {
        try storeCall {
            let row = try connection.run(Self.issueDetailWithKeyCheck, [hash, key])[0]
            guard let caller = try APIKeyLookup.matchingKey(row, hash: hash) else {
                return KeyCheckedIssue(caller: nil, body: nil)
            }
            return KeyCheckedIssue(caller: caller, body: try row.get("body"))
        }
    }

    static let issueDetail = StoreStatement(name: "api_issue_detail", sql: detailSQL(key: "$1"))

    /// Always one row: the active key whose hash is $1 (NULLs when none), and the document of
    /// issue $2 when there is such a key and such an issue.
    static let issueDetailWithKeyCheck = StoreStatement(name: "api_issue_detail_key_checked", sql: """
        SELECT k.id, k.name, k.key_hash,
               CASE WHEN k.id IS NOT NULL THEN (\(detailSQL(key: "$2"))) END AS body
        FROM (SELECT) AS one
        LEFT JOIN api_keys k ON k.key_hash = $1::text AND k.revoked_at IS NULL
        """)

    /// The document of the issue whose key is the parameter `key` (`$1`, `$2`, …), as `body`.
    static func detailSQL(key: String) -> String {
        """
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
        WHERE i.issue_key = \(key)::text
        """
    }
}

/// An issue document read together with its request's key check.
public struct KeyCheckedIssue {
    /// The active key presented, or nil (then `body` is nil too: nothing is read for a bad key).
    public let caller: (id: Int64, name: String)?
    /// The issue's JSON text, or nil when no issue has the key asked for.
    public let body: String?
}
