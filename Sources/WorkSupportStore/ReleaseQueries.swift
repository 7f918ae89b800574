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

    /// One release: its versions, its issues (keys in byte order: a cheaper sort than the
    /// locale's, the same for ASCII keys) and their open anomalies, read in place by `body`;
    /// nil when no project has the version and no issue names it.
    /// The two statements read one snapshot, so the anomalies always belong to the issues shown.
    public func release<R>(name: String, _ body: (ReleaseRows) -> R) throws(StoreError) -> R? {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                try connection.run(Self.releaseIssues, [name]) { issues throws(PostgresError) -> R? in
                    let head = try connection.run(Self.releaseHead, [name])[0]
                    let known: Bool = try head.get("known")
                    guard known || issues.rowCount > 0 else { return nil }
                    return body(ReleaseRows(issues: issues, versionsJSON: try head.get("versions"),
                                            anomaliesJSON: try head.get("anomalies"),
                                            issueTypeNamesJSON: try head.get("issue_type_names")))
                }
            }
        }
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
    /// scan. The rows go out unsorted (ReleaseRows sorts them) and the API serializes them: the
    /// database's sort of the wide rows, its `json_agg` and per-status counts, and a CTE shared
    /// with the anomalies were most of the time. Neither the type names (a join) nor the word
    /// "fix_version" in each of those rows (`via` is NULL there) leave the database per row.
    static let releaseIssues = StoreStatement(name: "api_release_issues", sql: """
        SELECT i.issue_key, i.summary, i.status, i.status_category, i.issue_type_id, i.assignee_member_id,
               NULL::text AS via
        FROM issues i WHERE i.fix_versions @> ARRAY[$1::text]
        UNION ALL
        SELECT i.issue_key, i.summary, i.status, i.status_category, i.issue_type_id, i.assignee_member_id, r.via
        FROM issue_releases r JOIN issues i ON i.issue_key = r.issue_key
        WHERE r.release_name = $1::text AND r.via IN ('label', 'parent')
        """)

    /// The release's Jira versions, whether any project has it, the names of the issue types, and
    /// the open anomalies of its issues. Those are found through `issue_releases` (a hash join
    /// with the open anomalies), which the anomaly pass that maintains the anomalies also
    /// maintains: as fresh as they are.
    /// Matching them against the issue query's keys instead (`= ANY($2)`) made the planner probe
    /// the anomalies' index once per key, several times slower for a large release.
    static let releaseHead = StoreStatement(name: "api_release_head", sql: """
        SELECT EXISTS (SELECT 1 FROM releases WHERE name = $1::text) AS known,
               coalesce((SELECT json_agg(json_build_object('project_key', project_key, 'version_id', version_id,
                         'released', released, 'release_date', release_date) ORDER BY project_key)
                         FROM releases WHERE name = $1::text), '[]'::json)::text AS versions,
               coalesce((SELECT json_object_agg(id, name ORDER BY id) FROM issue_types), '{}'::json)::text AS issue_type_names,
               coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'issue_key', a.issue_key,
                         'first_seen', \(APISQL.rfc3339("a.first_seen"))) ORDER BY a.kind, a.issue_key)
                         FROM anomalies a
                         WHERE a.resolved_at IS NULL
                           AND a.issue_key IN (SELECT r.issue_key FROM issue_releases r WHERE r.release_name = $1::text)),
                        '[]'::json)::text AS anomalies
        """)
}
