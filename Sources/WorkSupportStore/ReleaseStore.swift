import Postgres

/// Writes `releases`: the versions of the projects the harvest reached, one set-based upsert per
/// project list; versions a project no longer has are removed.
public struct ReleaseStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Jira projects that have harvested issues (the key prefix), whose versions to fetch.
    public func harvestedJiraProjects() throws(StoreError) -> [String] {
        try storeCall {
            try connection.query(Self.projects).map { row in try row.get("project_key") as String }
        }
    }

    /// Replaces the versions of `projects` with `versions`, in one transaction.
    public func replace(projects: [String], versions: [ReleaseVersion]) throws(StoreError) {
        try storeCall {
            try connection.transaction { connection in
                try connection.query(Self.deleteGone, [projects, versions.map(\.projectKey), versions.map(\.name)])
                try connection.query(Self.upsert, [versions.map(\.projectKey), versions.map(\.name),
                                                   versions.map(\.versionID), versions.map(\.released),
                                                   versions.map(\.releaseDate)])
            }
        }
    }

    static let projects = """
        SELECT DISTINCT split_part(issue_key, '-', 1) AS project_key FROM issues WHERE source = 'jira' ORDER BY 1
        """
    static let deleteGone = """
        DELETE FROM releases r WHERE r.project_key = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS v(project_key, name)
                          WHERE v.project_key = r.project_key AND v.name = r.name)
        """
    static let upsert = """
        INSERT INTO releases (project_key, name, version_id, released, release_date)
        SELECT p, n, i, r, d::date FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[]) AS v(p, n, i, r, d)
        ON CONFLICT (project_key, name) DO UPDATE SET version_id = EXCLUDED.version_id, released = EXCLUDED.released,
            release_date = EXCLUDED.release_date, synced_at = now()
        """
}
