/// The anomaly rules, each one set-based query over `issues` yielding `(kind, issue_key, details)`:
/// over the whole table (the harvest's pass) or over the issues of the statement's `anomaly_scope`
/// (the pass after a webhook delivery), the same text either way. Parameters: `$1` release label
/// pattern (a POSIX regular expression, the config's `release.label_pattern`), `$2` the pass's
/// `now`, `$3` stale days. Definitions and their reasons: docs/anomalies.md.
enum AnomalyRuleSQL {
    /// Which issues a statement examines.
    enum Scope {
        case everything
        /// The issues of the `scope_issues` CTE that the statement defines (whole rows of
        /// `issues`): the rules then start from those few rows and reach the rest of the table
        /// through its indexes, whatever the planner guesses of their number.
        case scopeIssues

        /// The relation a rule reads the examined issues from.
        var issues: String {
            switch self {
            case .everything: "issues"
            case .scopeIssues: "scope_issues"
            }
        }

        /// The condition (empty, or starting with AND) that restricts findings (alias `a`, with
        /// an `issue_key`) to the examined issues.
        func restrict(_ alias: String) -> String {
            switch self {
            case .everything: ""
            case .scopeIssues: "AND \(alias).issue_key = ANY (ARRAY(SELECT issue_key FROM anomaly_scope))"
            }
        }
    }

    static func unknownIssueType(_ scope: Scope) -> String { """
        SELECT 'unknown_issue_type'::text AS kind, i.issue_key,
               jsonb_build_object('issue_type_name', i.issue_type_name) AS details
        FROM \(scope.issues) i WHERE i.issue_type_id = -1
        """ }

    /// `orphan_parent` (the parent key is not stored) and `type_hierarchy_violation` (the child's
    /// type is not allowed under the parent's) from one join of every child with its parent.
    /// Unknown types on either side are `unknown_issue_type` instead: their place is not known.
    static func parentChecks(_ scope: Scope) -> String { """
        SELECT CASE WHEN p.issue_key IS NULL THEN 'orphan_parent' ELSE 'type_hierarchy_violation' END,
               c.issue_key,
               CASE WHEN p.issue_key IS NULL THEN jsonb_build_object('parent_key', c.parent_key)
                    ELSE jsonb_build_object('parent_key', p.issue_key, 'parent_type_id', p.issue_type_id,
                                            'child_type_id', c.issue_type_id) END
        FROM \(scope.issues) c LEFT JOIN issues p ON p.issue_key = c.parent_key
        WHERE c.parent_key IS NOT NULL
          AND (p.issue_key IS NULL
               OR (c.issue_type_id > 0 AND p.issue_type_id > 0
                   AND NOT EXISTS (SELECT 1 FROM issue_type_children e
                                   WHERE e.parent_type_id = p.issue_type_id AND e.child_type_id = c.issue_type_id)))
        """ }

    /// Leaf types only (configured types that allow no children: Story, Task): they are what a
    /// release ships. The issue's own fields count; inheriting the parent's release does not
    /// (membership does inherit, see ReleaseMembershipSQL).
    static func missingRelease(_ scope: Scope) -> String { """
        SELECT 'missing_release'::text, i.issue_key, jsonb_build_object('issue_type_id', i.issue_type_id)
        FROM \(scope.issues) i
        WHERE i.source = 'jira' AND cardinality(i.fix_versions) = 0
          AND i.issue_type_id IN (SELECT t.id FROM issue_types t WHERE t.id > 0
                                  AND NOT EXISTS (SELECT 1 FROM issue_type_children e WHERE e.parent_type_id = t.id))
          AND NOT EXISTS (SELECT 1 FROM unnest(i.labels) l WHERE l ~ $1::text)
        """ }

    /// Jira only: GitHub items are open to outside contributors by design.
    static func unassignedMember(_ scope: Scope) -> String { """
        SELECT 'unassigned_member'::text, i.issue_key, jsonb_build_object('assignee', i.assignee)
        FROM \(scope.issues) i
        WHERE i.source = 'jira' AND i.assignee IS NOT NULL AND i.assignee_member_id IS NULL
        """ }

    static func staleInProgress(_ scope: Scope) -> String { """
        SELECT 'stale_in_progress'::text, i.issue_key,
               jsonb_build_object('updated_at', \(APISQL.rfc3339("i.updated_at")), 'stale_days', $3::int)
        FROM \(scope.issues) i
        WHERE i.status_category = 'indeterminate'
          AND i.updated_at < $2::timestamptz - make_interval(days => $3::int)
        """ }

    /// Both items of a pair (or all of a group) carry it: which one came first is not a property
    /// of the data.
    static func duplicateGitHubLink(_ scope: Scope) -> String { """
        SELECT 'duplicate_github_link'::text, i.issue_key,
               jsonb_build_object('linked_key', i.linked_key, 'also_linked_by',
                   (SELECT jsonb_agg(o.issue_key ORDER BY o.issue_key) FROM issues o
                    WHERE o.linked_key = i.linked_key AND o.issue_key <> i.issue_key))
        FROM \(scope.issues) i
        WHERE i.source = 'github' AND i.linked_key IS NOT NULL
          AND EXISTS (SELECT 1 FROM issues o WHERE o.linked_key = i.linked_key AND o.issue_key <> i.issue_key)
        """ }

    /// A configured type that allows children (Product Version, Feature, Customer Adoption) with none.
    static func epicWithoutChildren(_ scope: Scope) -> String { """
        SELECT 'epic_without_children'::text, i.issue_key, jsonb_build_object('issue_type_id', i.issue_type_id)
        FROM \(scope.issues) i
        WHERE i.issue_type_id IN (SELECT DISTINCT parent_type_id FROM issue_type_children)
          AND NOT EXISTS (SELECT 1 FROM issues c WHERE c.parent_key = i.issue_key)
          AND NOT EXISTS (SELECT 1 FROM issues c WHERE c.epic_key = i.issue_key)
        """ }

    /// A configured type that belongs under another (Feature, Story, Task) with no parent at all;
    /// a parent that is set but missing is `orphan_parent`.
    static func storyWithoutEpic(_ scope: Scope) -> String { """
        SELECT 'story_without_epic'::text, i.issue_key, jsonb_build_object('issue_type_id', i.issue_type_id)
        FROM \(scope.issues) i
        WHERE i.parent_key IS NULL AND i.epic_key IS NULL
          AND i.issue_type_id IN (SELECT DISTINCT child_type_id FROM issue_type_children)
        """ }

    /// Every rule's findings within `scope`.
    static func detected(_ scope: Scope) -> String {
        [unknownIssueType, parentChecks, missingRelease, unassignedMember, staleInProgress, duplicateGitHubLink,
         epicWithoutChildren, storyWithoutEpic].map { $0(scope) }.joined(separator: "\nUNION ALL\n")
    }
}
