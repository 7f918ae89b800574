/// The statements of `CollaborationWriter`. A person is the member id when a configured member
/// has that account, else the account prefixed by its source (`github:login`, `jira:accountId`).
enum CollaborationSQL {
    static func githubPerson(_ login: String) -> String {
        "coalesce((SELECT t.member_id FROM team_members t WHERE lower(t.github_id) = lower(\(login)) LIMIT 1), 'github:' || (\(login)))"
    }

    static func jiraPerson(_ account: String) -> String {
        "coalesce((SELECT t.member_id FROM team_members t WHERE t.jira_id = \(account) LIMIT 1), 'jira:' || (\(account)))"
    }

    /// An upsert that rewrites an edge only when something about it changed.
    static let edgeConflict = """
        ON CONFLICT (source, source_id, kind, target) DO UPDATE SET
            actor = EXCLUDED.actor, issue_key = EXCLUDED.issue_key, occurred_at = EXCLUDED.occurred_at
        WHERE (interactions.actor, interactions.issue_key, interactions.occurred_at)
              IS DISTINCT FROM (EXCLUDED.actor, EXCLUDED.issue_key, EXCLUDED.occurred_at)
        """

    static let pullRequestsOfRun = StoreStatement(name: "collab_pull_requests_of_run", sql: """
        SELECT issue_key FROM issues
        WHERE source = 'github' AND issue_type_id = -3 AND ($2::boolean OR last_run_id = $1::bigint)
        ORDER BY issue_key
        """)

    static let upsertReviews = StoreStatement(name: "collab_upsert_reviews", sql: """
        INSERT INTO pull_request_reviews (pr_key, review_id, reviewer, state, submitted_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
        ON CONFLICT (pr_key, review_id) DO UPDATE SET
            reviewer = EXCLUDED.reviewer, state = EXCLUDED.state, submitted_at = EXCLUDED.submitted_at, updated_at = now()
        WHERE (pull_request_reviews.reviewer, pull_request_reviews.state, pull_request_reviews.submitted_at)
              IS DISTINCT FROM (EXCLUDED.reviewer, EXCLUDED.state, EXCLUDED.submitted_at)
        """)

    static let upsertComments = StoreStatement(name: "collab_upsert_comments", sql: """
        INSERT INTO pull_request_comments (pr_key, comment_id, author, review_id, created_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
        ON CONFLICT (pr_key, comment_id) DO UPDATE SET
            author = EXCLUDED.author, review_id = EXCLUDED.review_id, created_at = EXCLUDED.created_at, updated_at = now()
        WHERE (pull_request_comments.author, pull_request_comments.review_id, pull_request_comments.created_at)
              IS DISTINCT FROM (EXCLUDED.author, EXCLUDED.review_id, EXCLUDED.created_at)
        """)

    /// REVIEWED reviewer -> author for each submitted review of the pull requests `$1`; a review
    /// by the pull request's own author is no review, and a pending one is not submitted yet.
    static let reviewedEdges = StoreStatement(name: "collab_reviewed_edges", sql: """
        INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
        SELECT 'REVIEWED', \(githubPerson("r.reviewer")), \(githubPerson("i.raw->'user'->>'login'")),
               r.pr_key, r.submitted_at, 'github', r.review_id
        FROM pull_request_reviews r
        JOIN issues i ON i.issue_key = r.pr_key
        WHERE r.pr_key = ANY($1::text[]) AND r.submitted_at IS NOT NULL AND r.state <> 'PENDING'
          AND i.raw->'user'->>'login' IS NOT NULL AND lower(r.reviewer) <> lower(i.raw->'user'->>'login')
        \(edgeConflict)
        """)

    /// COMMENTED_ON commenter -> pull request for each review comment of the pull requests `$1`.
    static let reviewCommentEdges = StoreStatement(name: "collab_review_comment_edges", sql: """
        INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
        SELECT 'COMMENTED_ON', \(githubPerson("c.author")), c.pr_key, c.pr_key, c.created_at, 'github',
               'review_comment:' || c.comment_id
        FROM pull_request_comments c
        WHERE c.pr_key = ANY($1::text[])
        \(edgeConflict)
        """)

    /// Which issues to derive edges for: those run `$1` wrote, the keys `$2`, or all (`$3`).
    static let chosenIssues = "($3::boolean OR i.last_run_id = $1::bigint OR i.issue_key = ANY($2::text[]))"

    /// ASSIGNED_TO assignee -> issue, one edge per (issue, assignee) so a reassignment is a new
    /// edge. occurred_at: the latest changelog transition to this assignee when the history has
    /// one, else the issue's last update (an assignee of an issue that moves is active).
    static let assignedEdges = StoreStatement(name: "collab_assigned_edges", sql: """
        INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
        SELECT 'ASSIGNED_TO',
               coalesce(i.assignee_member_id, CASE WHEN i.source = 'github' THEN 'github:' ELSE 'jira:' END || i.assignee),
               i.issue_key, i.issue_key,
               coalesce((SELECT max(t.changed_at) FROM issue_transitions t
                         WHERE t.issue_key = i.issue_key AND t.field = 'assignee' AND t.to_id = i.assignee), i.updated_at),
               i.source, i.issue_key || ' ' || i.assignee
        FROM issues i
        WHERE i.assignee IS NOT NULL AND \(chosenIssues)
        \(edgeConflict)
        """)

    /// COMMENTED_ON author -> issue for each comment in a Jira issue's `fields.comment`.
    static let jiraCommentEdges = StoreStatement(name: "collab_jira_comment_edges", sql: """
        INSERT INTO interactions (kind, actor, target, issue_key, occurred_at, source, source_id)
        SELECT 'COMMENTED_ON', \(jiraPerson("c->'author'->>'accountId'")), i.issue_key, i.issue_key,
               (c->>'created')::timestamptz, 'jira', 'comment:' || (c->>'id')
        FROM issues i, jsonb_array_elements(CASE WHEN jsonb_typeof(i.raw->'fields'->'comment'->'comments') = 'array'
                                                 THEN i.raw->'fields'->'comment'->'comments' ELSE '[]'::jsonb END) c
        WHERE i.source = 'jira' AND \(chosenIssues)
          AND c->'author'->>'accountId' IS NOT NULL AND c->>'id' IS NOT NULL AND c->>'created' IS NOT NULL
        \(edgeConflict)
        """)

    static let harvestedPullRequest = StoreStatement(name: "collab_harvested_pull_request", sql: """
        SELECT 1 FROM issues WHERE issue_key = $1 AND source = 'github' AND issue_type_id = -3
        """)

    /// A deleted review comment and its edge.
    static let deleteComment = StoreStatement(name: "collab_delete_comment", sql: """
        WITH gone AS (DELETE FROM pull_request_comments WHERE pr_key = $1 AND comment_id = $2 RETURNING comment_id)
        DELETE FROM interactions WHERE source = 'github' AND kind = 'COMMENTED_ON'
          AND source_id IN (SELECT 'review_comment:' || comment_id FROM gone)
        """)
}
