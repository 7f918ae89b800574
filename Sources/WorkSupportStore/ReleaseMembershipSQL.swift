/// Keeps `issue_releases` in step with `issues`: an issue belongs to the releases of its
/// fixVersions; without any, to the names its labels give through the release pattern (`$1`,
/// first capture group); without either, to the releases of its nearest ancestor that has some
/// ("inherited", via = 'parent'). Writes only the difference, so an unchanged table stays unchanged.
///
/// The full pass (`refresh`) and the pass after a webhook delivery (`scopedCTEs`) build the wanted
/// rows from the same fragments, over all issues or over the delivery's issues and the
/// descendants that inherit through them.
enum ReleaseMembershipSQL {
    /// No fixVersion and no label matching the pattern: the issue inherits.
    static func hasNoOwnRelease(_ alias: String) -> String {
        "cardinality(\(alias).fix_versions) = 0 AND NOT EXISTS (SELECT 1 FROM unnest(\(alias).labels) l WHERE l ~ $1::text)"
    }

    /// `(issue_key, release_name, via)` from the own fields of the issues `source` yields as `i`,
    /// reported under `key`. Two scans, not one LATERAL per row, which was slower on large tables.
    static func ownReleases(key: String = "i.issue_key", source: String) -> String { """
        SELECT \(key) AS issue_key, unnest(i.fix_versions) AS release_name, 'fix_version'::text AS via
        FROM \(source) WHERE cardinality(i.fix_versions) > 0
        UNION ALL
        SELECT x.issue_key, substring(x.label FROM $1::text), 'label'
        FROM (SELECT \(key) AS issue_key, unnest(i.labels) AS label FROM \(source) WHERE cardinality(i.fix_versions) = 0) x
        WHERE x.label ~ $1::text
        """ }

    /// The recursive CTE `release_ancestry(issue_key, ancestor_key)`: every issue that `start`
    /// yields as `(issue_key, parent_key)` (issues without releases of their own), paired with
    /// its ancestors up to the nearest one that has releases. UNION stops at a cycle.
    static func ancestry(start: String) -> String { """
        release_ancestry (issue_key, ancestor_key) AS (
            \(start)
            UNION
            SELECT u.issue_key, a.parent_key FROM release_ancestry u JOIN issues a ON a.issue_key = u.ancestor_key
            WHERE a.parent_key IS NOT NULL AND \(hasNoOwnRelease("a"))
        )
        """ }

    /// `(issue_key, parent_key)` of the issues `source` yields as `i` that inherit: a parent, no
    /// release of their own.
    static func inheritingIssues(source: String) -> String {
        "SELECT i.issue_key, i.parent_key FROM \(source) WHERE i.parent_key IS NOT NULL AND \(hasNoOwnRelease("i"))"
    }

    /// Inherited rows from `release_ancestry`: the own releases of the ancestor that has some.
    static let inheritedReleases = """
        SELECT o.issue_key, o.release_name, 'parent'::text AS via FROM (
        \(ownReleases(key: "u.issue_key", source: "release_ancestry u JOIN issues i ON i.issue_key = u.ancestor_key"))
        ) o
        """

    // MARK: The full pass

    /// One statement: the wanted rows, one hash full join of them with the stored rows (a full
    /// join can only hash or merge, so no estimate makes it a nested loop over 100k rows), and
    /// the three writes, which meet disjoint (release, issue) pairs: delete, relabel (`via`), and
    /// a plain INSERT. ON CONFLICT's speculative insertion doubled the first pass's 100k inserts,
    /// and nothing else writes the table meanwhile (the pass holds AnomalyPass.lockKey
    /// exclusively). DISTINCT there, as two labels may name one release, in byte order: the
    /// planner cannot size `diff` (a CTE has no statistics) and may sort, and a sort in the
    /// database's collation of a first pass's 100k rows cost more than the join. A temporary
    /// table for the wanted rows, analyzed, cost more than it saved.
    static let refresh = """
        WITH RECURSIVE \(ancestry(start: inheritingIssues(source: "issues i"))),
        release_wanted AS (
            \(ownReleases(source: "issues i"))
            UNION ALL
            \(inheritedReleases)
        ),
        diff AS MATERIALIZED (
            SELECT w.release_name, w.issue_key, w.via, r.release_name AS stored_release_name, r.issue_key AS stored_issue_key
            FROM (SELECT * FROM release_wanted WHERE release_name <> '') w
            FULL JOIN issue_releases r ON r.issue_key = w.issue_key AND r.release_name = w.release_name
            WHERE w.issue_key IS NULL OR r.issue_key IS NULL OR r.via <> w.via
        ),
        gone AS (
            DELETE FROM issue_releases r USING diff d
            WHERE d.issue_key IS NULL AND r.issue_key = d.stored_issue_key AND r.release_name = d.stored_release_name
        ),
        relabelled AS (
            UPDATE issue_releases r SET via = d.via FROM diff d
            WHERE d.issue_key IS NOT NULL AND d.stored_issue_key IS NOT NULL
              AND r.issue_key = d.issue_key AND r.release_name = d.release_name
        )
        INSERT INTO issue_releases (release_name, issue_key, via)
        SELECT DISTINCT release_name COLLATE "C", issue_key COLLATE "C", via FROM diff WHERE stored_issue_key IS NULL
        """

    static let isEmpty = "SELECT NOT EXISTS (SELECT 1 FROM issue_releases) AS empty"

    /// Around `refresh` when the table is empty (the first pass fills every membership): building
    /// the indexes once over the filled table costs half of maintaining them row by row. The
    /// definitions are those of migrations 0010, 0011 and 0013 (a test compares them); the pass holds
    /// AnomalyPass.lockKey, and the DDL's lock keeps readers of the empty table waiting until it
    /// commits.
    static let dropIndexes = """
        ALTER TABLE issue_releases DROP CONSTRAINT issue_releases_pkey;
        DROP INDEX issue_releases_release_name
        """
    static let createIndexes = """
        ALTER TABLE issue_releases ADD CONSTRAINT issue_releases_pkey PRIMARY KEY (issue_key, release_name);
        CREATE INDEX issue_releases_release_name ON issue_releases (release_name, via) INCLUDE (issue_key)
        """

    // MARK: The pass for some issues

    /// The issues of `release_scope` as `i`, through the primary key whatever the planner guesses
    /// of the CTE's size (see AnomalyLifecycleSQL.nestedLoopPlans).
    static let scopedIssues = "(SELECT * FROM issues WHERE issue_key = ANY (ARRAY(SELECT issue_key FROM release_scope))) i"

    /// CTEs that bring the memberships of the touched issues (`touched(issue_key)`) and of their
    /// descendants that inherit through them up to date; the statement's other CTEs may follow.
    /// Children are found through `parent_key` first (OFFSET 0 keeps the filter out of that
    /// lookup: with it, a generic plan scanned every issue without a fixVersion). Concurrent
    /// deliveries may meet on one descendant: ON CONFLICT, and inserts only of rows not already
    /// there, so unchanged rows are not locked.
    static let scopedCTEs = """
        release_scope (issue_key) AS (
            SELECT issue_key FROM touched
            UNION
            SELECT c.issue_key FROM release_scope s
            CROSS JOIN LATERAL (SELECT c.* FROM issues c WHERE c.parent_key = s.issue_key OFFSET 0) c
            WHERE \(hasNoOwnRelease("c"))
        ),
        \(ancestry(start: inheritingIssues(source: scopedIssues))),
        release_wanted AS MATERIALIZED (
            \(ownReleases(source: scopedIssues))
            UNION ALL
            \(inheritedReleases)
        ),
        release_gone AS (
            DELETE FROM issue_releases r
            WHERE r.issue_key = ANY (ARRAY(SELECT issue_key FROM release_scope))
              AND NOT EXISTS (SELECT 1 FROM release_wanted w WHERE w.release_name = r.release_name AND w.issue_key = r.issue_key)
        ),
        release_added AS (
            INSERT INTO issue_releases AS r (release_name, issue_key, via)
            SELECT DISTINCT w.release_name, w.issue_key, w.via FROM release_wanted w
            WHERE w.release_name <> ''
              AND NOT EXISTS (SELECT 1 FROM issue_releases e
                              WHERE e.release_name = w.release_name AND e.issue_key = w.issue_key AND e.via = w.via)
            ON CONFLICT (release_name, issue_key) DO UPDATE SET via = EXCLUDED.via
        ),
        """
}
