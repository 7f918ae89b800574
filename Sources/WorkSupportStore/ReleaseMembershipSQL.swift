/// Rebuilds `issue_releases` from `issues`: an issue belongs to the releases of its fixVersions;
/// without any, to the names its labels give through the release pattern (`$1`, first capture
/// group); without either, to the releases of its nearest ancestor that has some ("inherited",
/// via = 'parent'). Writes only the difference, so an unchanged table stays unchanged.
enum ReleaseMembershipSQL {
    static let rebuild = StoreStatement(name: "release_membership_rebuild", sql: """
        WITH RECURSIVE own AS MATERIALIZED (
            SELECT i.issue_key, v AS release_name, 'fix_version'::text AS via
            FROM issues i, unnest(i.fix_versions) v
            UNION ALL
            SELECT i.issue_key, substring(l FROM $1::text), 'label'
            FROM issues i, unnest(i.labels) l
            WHERE cardinality(i.fix_versions) = 0 AND l ~ $1::text
        ),
        inherited (issue_key, release_name) AS (
            SELECT c.issue_key, o.release_name
            FROM issues c JOIN own o ON o.issue_key = c.parent_key
            WHERE NOT EXISTS (SELECT 1 FROM own x WHERE x.issue_key = c.issue_key)
            UNION
            SELECT c.issue_key, h.release_name
            FROM inherited h JOIN issues c ON c.parent_key = h.issue_key
            WHERE NOT EXISTS (SELECT 1 FROM own x WHERE x.issue_key = c.issue_key)
        ),
        wanted AS MATERIALIZED (
            SELECT issue_key, release_name, via FROM own WHERE release_name IS NOT NULL AND release_name <> ''
            UNION ALL
            SELECT issue_key, release_name, 'parent' FROM inherited
        ),
        gone AS (
            DELETE FROM issue_releases r
            WHERE NOT EXISTS (SELECT 1 FROM wanted w WHERE w.release_name = r.release_name AND w.issue_key = r.issue_key)
        )
        INSERT INTO issue_releases AS r (release_name, issue_key, via)
        SELECT DISTINCT ON (release_name, issue_key) release_name, issue_key, via FROM wanted
        ORDER BY release_name, issue_key, via
        ON CONFLICT (release_name, issue_key) DO UPDATE SET via = EXCLUDED.via WHERE r.via <> EXCLUDED.via
        """)
}
