/// The anomaly rules, each one set-based query over the whole `issues` table yielding
/// `(kind, issue_key, details)`. Parameters: `$1` release label pattern (a POSIX regular
/// expression, the config's `release.label_pattern`), `$2` the pass's `now`, `$3` stale days.
/// Definitions and their reasons: docs/anomalies.md.
enum AnomalyRuleSQL {
    static let unknownIssueType = """
        SELECT 'unknown_issue_type'::text AS kind, i.issue_key,
               jsonb_build_object('issue_type_name', i.issue_type_name) AS details
        FROM issues i WHERE i.issue_type_id = -1
        """

    static let orphanParent = """
        SELECT 'orphan_parent'::text, i.issue_key, jsonb_build_object('parent_key', i.parent_key)
        FROM issues i
        WHERE i.parent_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM issues p WHERE p.issue_key = i.parent_key)
        """

    /// `NOT IN` over the (tiny, NOT NULL) edge table is a hashed subplan: no sort of the whole table.
    /// Unknown types on either side are `unknown_issue_type` instead: their place is not known.
    static let typeHierarchyViolation = """
        SELECT 'type_hierarchy_violation'::text, c.issue_key,
               jsonb_build_object('parent_key', p.issue_key, 'parent_type_id', p.issue_type_id,
                                  'child_type_id', c.issue_type_id)
        FROM issues c JOIN issues p ON p.issue_key = c.parent_key
        WHERE c.issue_type_id > 0 AND p.issue_type_id > 0
          AND (p.issue_type_id, c.issue_type_id) NOT IN (SELECT parent_type_id, child_type_id FROM issue_type_children)
        """

    /// Leaf types only (configured types that allow no children: Story, Task): they are what a
    /// release ships. The issue's own fields count; inheriting the parent's release does not
    /// (membership does inherit, see ReleaseMembershipSQL).
    static let missingRelease = """
        SELECT 'missing_release'::text, i.issue_key, jsonb_build_object('issue_type_id', i.issue_type_id)
        FROM issues i
        WHERE i.source = 'jira' AND cardinality(i.fix_versions) = 0
          AND i.issue_type_id IN (SELECT t.id FROM issue_types t WHERE t.id > 0
                                  AND NOT EXISTS (SELECT 1 FROM issue_type_children e WHERE e.parent_type_id = t.id))
          AND NOT EXISTS (SELECT 1 FROM unnest(i.labels) l WHERE l ~ $1::text)
        """

    /// Jira only: GitHub items are open to outside contributors by design.
    static let unassignedMember = """
        SELECT 'unassigned_member'::text, i.issue_key, jsonb_build_object('assignee', i.assignee)
        FROM issues i
        WHERE i.source = 'jira' AND i.assignee IS NOT NULL AND i.assignee_member_id IS NULL
        """

    static let staleInProgress = """
        SELECT 'stale_in_progress'::text, i.issue_key,
               jsonb_build_object('updated_at', \(APISQL.rfc3339("i.updated_at")), 'stale_days', $3::int)
        FROM issues i
        WHERE i.status_category = 'indeterminate'
          AND i.updated_at < $2::timestamptz - make_interval(days => $3::int)
        """

    /// Both items of a pair (or all of a group) carry it: which one came first is not a property
    /// of the data.
    static let duplicateGitHubLink = """
        SELECT 'duplicate_github_link'::text, i.issue_key,
               jsonb_build_object('linked_key', i.linked_key, 'also_linked_by',
                   (SELECT jsonb_agg(o.issue_key ORDER BY o.issue_key) FROM issues o
                    WHERE o.linked_key = i.linked_key AND o.issue_key <> i.issue_key))
        FROM issues i
        WHERE i.source = 'github' AND i.linked_key IS NOT NULL
          AND EXISTS (SELECT 1 FROM issues o WHERE o.linked_key = i.linked_key AND o.issue_key <> i.issue_key)
        """

    /// A configured type that allows children (Product Version, Feature, Customer Adoption) with none.
    static let epicWithoutChildren = """
        SELECT 'epic_without_children'::text, i.issue_key, jsonb_build_object('issue_type_id', i.issue_type_id)
        FROM issues i
        WHERE i.issue_type_id IN (SELECT DISTINCT parent_type_id FROM issue_type_children)
          AND NOT EXISTS (SELECT 1 FROM issues c WHERE c.parent_key = i.issue_key)
          AND NOT EXISTS (SELECT 1 FROM issues c WHERE c.epic_key = i.issue_key)
        """

    /// A configured type that belongs under another (Feature, Story, Task) with no parent at all;
    /// a parent that is set but missing is `orphan_parent`.
    static let storyWithoutEpic = """
        SELECT 'story_without_epic'::text, i.issue_key, jsonb_build_object('issue_type_id', i.issue_type_id)
        FROM issues i
        WHERE i.parent_key IS NULL AND i.epic_key IS NULL
          AND i.issue_type_id IN (SELECT DISTINCT child_type_id FROM issue_type_children)
        """

    static let all = [unknownIssueType, orphanParent, typeHierarchyViolation, missingRelease, unassignedMember,
                      staleInProgress, duplicateGitHubLink, epicWithoutChildren, storyWithoutEpic]

    /// Every rule's findings.
    static let detected = all.joined(separator: "\nUNION ALL\n")
}
