/// Rebuilds `issue_releases` from `issues`: an issue belongs to the releases of its fixVersions;
/// without any, to the names its labels give through the release pattern (`$1`, first capture
/// group); without either, to the releases of its nearest ancestor that has some ("inherited",
/// via = 'parent'). Writes only the difference, so an unchanged table stays unchanged.
///
/// The wanted set goes through a transaction-local temp table with fresh statistics: as CTEs, the
/// planner sized hashes for a handful of rows and the diff of 100k memberships took seconds.
/// Statements on the temp table are not prepared (it is new in every transaction).
enum ReleaseMembershipSQL {
    static let createWanted = """
        CREATE TEMP TABLE release_wanted (issue_key text, release_name text, via text) ON COMMIT DROP
        """

    static let addOwn = """
        INSERT INTO release_wanted (issue_key, release_name, via)
        SELECT i.issue_key, unnest(i.fix_versions) AS release_name, 'fix_version'::text AS via
        FROM issues i WHERE cardinality(i.fix_versions) > 0
        UNION ALL
        SELECT x.issue_key, substring(x.label FROM $1::text), 'label'
        FROM (SELECT i.issue_key, unnest(i.labels) AS label FROM issues i WHERE cardinality(i.fix_versions) = 0) x
        WHERE x.label ~ $1::text
        """

    /// A small sample is enough for the row count and the distinct keys the diff's joins need.
    static let analyzeWanted = "SET LOCAL default_statistics_target = 10; ANALYZE release_wanted"

    /// Issues with no release of their own take their parent's, recursively down the tree.
    static let addInherited = """
        INSERT INTO release_wanted (issue_key, release_name, via)
        WITH RECURSIVE bare AS MATERIALIZED (
            SELECT i.issue_key, i.parent_key FROM issues i
            WHERE cardinality(i.fix_versions) = 0 AND i.parent_key IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM unnest(i.labels) l WHERE l ~ $1::text)
        ),
        inherited (issue_key, release_name) AS (
            SELECT b.issue_key, o.release_name FROM bare b JOIN release_wanted o ON o.issue_key = b.parent_key
            UNION
            SELECT b.issue_key, h.release_name FROM inherited h JOIN bare b ON b.parent_key = h.issue_key
        )
        SELECT issue_key, release_name, 'parent' FROM inherited
        """

    /// Set operations (EXCEPT) rather than anti-joins: their hash tables grow with the data, so
    /// stale statistics on `issue_releases` after a bulk change cannot make them degenerate.
    static let deleteGone = """
        DELETE FROM issue_releases r
        USING (SELECT release_name, issue_key FROM issue_releases
               EXCEPT SELECT release_name, issue_key FROM release_wanted) g
        WHERE r.release_name = g.release_name AND r.issue_key = g.issue_key
        """

    /// New memberships, and ones whose `via` changed; DO UPDATE cannot meet a row twice because
    /// the wanted set is distinct per (release, issue) except for two labels naming one release,
    /// which DISTINCT ON removes.
    static let insertNew = """
        INSERT INTO issue_releases AS r (release_name, issue_key, via)
        SELECT DISTINCT ON (n.release_name, n.issue_key) n.release_name, n.issue_key, n.via
        FROM (SELECT release_name, issue_key, via FROM release_wanted WHERE release_name <> ''
              EXCEPT SELECT release_name, issue_key, via FROM issue_releases) n
        ORDER BY n.release_name, n.issue_key, n.via
        ON CONFLICT (release_name, issue_key) DO UPDATE SET via = EXCLUDED.via
        """
}
