import Postgres

/// Releases as the API shows them: the Jira versions of every harvested project, grouped by name
/// (projects share version names), with the issues `issue_releases` places in each.
public struct ReleaseQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// `{"releases":[{"name","released","release_date","projects","issue_count"}],"total_count":N}`.
    public func listJSON() throws(StoreError) -> String {
        try storeCall { try connection.run(Self.list)[0].get("body") }
    }

    /// One release with its issues (keys in byte order: a cheaper sort than the locale's, the same
    /// for ASCII keys), counts by status and type, and its issues' open anomalies;
    /// nil when no project has the version and no issue names it.
    public func releaseJSON(name: String) throws(StoreError) -> String? {
        try storeCall { try connection.run(Self.release, [name]).first?.get("body") }
    }

    /// Names known from versions or from membership (a label may name a release Jira lacks).
    static let list = StoreStatement(name: "api_releases", sql: """
        WITH names AS (
            SELECT name FROM releases UNION SELECT DISTINCT release_name FROM issue_releases
        ),
        summary AS (
            SELECT n.name,
                   coalesce(bool_and(r.released), false) AS released,
                   max(r.release_date) AS release_date,
                   coalesce(array_agg(r.project_key ORDER BY r.project_key) FILTER (WHERE r.project_key IS NOT NULL), '{}') AS projects,
                   (SELECT count(*) FROM issue_releases m WHERE m.release_name = n.name) AS issue_count
            FROM names n LEFT JOIN releases r ON r.name = n.name
            GROUP BY n.name
        )
        SELECT json_build_object(
            'releases', coalesce(json_agg(json_build_object(
                'name', name, 'released', released, 'release_date', release_date, 'projects', projects,
                'issue_count', issue_count) ORDER BY release_date NULLS LAST, name), '[]'::json),
            'total_count', count(*)
        )::text AS body
        FROM summary
        """)

    /// Members through `fix_versions` come from `issues` itself by its GIN index (a bitmap scan in
    /// page order; `issue_releases` holds the same rows as `via = 'fix_version'`), a primary-key
    /// probe each only for the few by label or inheritance: 5,000 probes cost eight times the
    /// scan. Issues are serialized as whole rows (`json_agg(m)`: cheaper than a
    /// `json_build_object` call per issue, same keys in the same order), which is now most of the
    /// statement's time. Open anomalies: a semi-join of the open ones with the members, not one
    /// probe per member.
    static let release = StoreStatement(name: "api_release", sql: """
        WITH versions AS (
            SELECT * FROM releases WHERE name = $1::text
        ),
        members AS MATERIALIZED (
            SELECT m.issue_key, m.summary, m.status, m.status_category, m.issue_type_id, t.name AS issue_type,
                   m.assignee_member_id, m.via
            FROM (SELECT i.issue_key, i.summary, i.status, i.status_category, i.issue_type_id, i.assignee_member_id,
                         'fix_version'::text AS via
                  FROM issues i WHERE i.fix_versions @> ARRAY[$1::text]
                  UNION ALL
                  SELECT i.issue_key, i.summary, i.status, i.status_category, i.issue_type_id, i.assignee_member_id, r.via
                  FROM issue_releases r JOIN issues i ON i.issue_key = r.issue_key
                  WHERE r.release_name = $1::text AND r.via <> 'fix_version') m
            LEFT JOIN issue_types t ON t.id = m.issue_type_id
        )
        SELECT json_build_object(
            'name', $1::text,
            'versions', coalesce((SELECT json_agg(json_build_object('project_key', project_key, 'version_id', version_id,
                                  'released', released, 'release_date', release_date) ORDER BY project_key) FROM versions), '[]'::json),
            'issue_count', (SELECT count(*) FROM members),
            'counts', json_build_object(
                'by_status', coalesce((SELECT json_object_agg(coalesce(status, ''), n) FROM
                                       (SELECT status, count(*) AS n FROM members GROUP BY status) s), '{}'::json),
                'by_type', coalesce((SELECT json_object_agg(coalesce(issue_type, ''), n) FROM
                                     (SELECT issue_type, count(*) AS n FROM members GROUP BY issue_type) s), '{}'::json),
                'by_via', coalesce((SELECT json_object_agg(via, n) FROM
                                    (SELECT via, count(*) AS n FROM members GROUP BY via) s), '{}'::json)),
            'issues', coalesce((SELECT json_agg(m ORDER BY m.issue_key COLLATE "C") FROM members m), '[]'::json),
            'anomalies', coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'issue_key', a.issue_key,
                                   'first_seen', \(APISQL.rfc3339("a.first_seen"))) ORDER BY a.kind, a.issue_key)
                                   FROM anomalies a
                                   WHERE a.resolved_at IS NULL AND a.issue_key IN (SELECT issue_key FROM members)), '[]'::json)
        )::text AS body
        WHERE EXISTS (SELECT 1 FROM versions) OR EXISTS (SELECT 1 FROM members)
        """)
}
