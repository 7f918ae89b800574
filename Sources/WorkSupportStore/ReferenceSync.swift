import Postgres
import WorkSupportCore

/// Mirrors the config's team and issue-type hierarchy into `team_members`, `issue_types` and
/// `issue_type_children`, in one transaction, at the start of every harvest run. The writer
/// resolves `assignee_member_id` against `team_members`, and the API names types from
/// `issue_types`, so both must match the config the run uses.
public struct ReferenceSync {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func apply(team: [TeamMember], hierarchy: IssueTypeHierarchy) throws(StoreError) {
        let reserved = [IssueType.unknown, .githubIssue, .githubPullRequest]
        let types = hierarchy.types + reserved
        let edges = hierarchy.types.flatMap { parent in parent.childIDs.map { (parent.id, $0) } }
        try storeCall {
            try connection.transaction { connection in
                // Members first freed of ids that move to another member, then upserted.
                try connection.query(Self.deleteMissingMembers, [team.map(\.id)])
                try connection.query(Self.clearMovedIDs, [team.map(\.id), team.map { $0.jiraID }, team.map { $0.githubID },
                                                          team.map { $0.slackID }])
                try connection.query(Self.upsertMembers, [team.map(\.id), team.map(\.name),
                                                          team.map { $0.jiraID }, team.map { $0.githubID },
                                                          team.map { $0.slackID }, team.map { $0.role }])
                try connection.query(Self.upsertTypes, [types.map(\.id), types.map(\.name)])
                try connection.query(Self.replaceEdges, [edges.map(\.0), edges.map(\.1)])
                // Too small for autovacuum to analyze; the anomaly rules' plans depend on them.
                try connection.execute("ANALYZE issue_types, issue_type_children")
            }
        }
    }

    static let deleteMissingMembers = "DELETE FROM team_members WHERE member_id <> ALL($1::text[])"
    static let clearMovedIDs = """
        UPDATE team_members t SET jira_id = NULL, github_id = NULL, slack_id = NULL
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS m(member_id, jira_id, github_id, slack_id)
        WHERE t.member_id <> m.member_id
          AND (t.jira_id = m.jira_id OR lower(t.github_id) = lower(m.github_id) OR t.slack_id = m.slack_id)
        """
    // The CHECK (jira_id or github_id) holds for config members: the config requires one id.
    static let upsertMembers = """
        INSERT INTO team_members (member_id, name, jira_id, github_id, slack_id, role)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
        ON CONFLICT (member_id) DO UPDATE SET name = EXCLUDED.name, jira_id = EXCLUDED.jira_id,
            github_id = EXCLUDED.github_id, slack_id = EXCLUDED.slack_id, role = EXCLUDED.role, updated_at = now()
        WHERE (team_members.name, team_members.jira_id, team_members.github_id, team_members.slack_id, team_members.role)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.jira_id, EXCLUDED.github_id, EXCLUDED.slack_id, EXCLUDED.role)
        """
    static let upsertTypes = """
        INSERT INTO issue_types (id, name) SELECT * FROM unnest($1::int[], $2::text[])
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE issue_types.name <> EXCLUDED.name
        """
    static let replaceEdges = """
        WITH wanted AS (SELECT * FROM unnest($1::int[], $2::int[]) AS e(parent_type_id, child_type_id)),
        gone AS (
            DELETE FROM issue_type_children c WHERE NOT EXISTS (
                SELECT 1 FROM wanted w WHERE w.parent_type_id = c.parent_type_id AND w.child_type_id = c.child_type_id)
        )
        INSERT INTO issue_type_children (parent_type_id, child_type_id) SELECT * FROM wanted
        ON CONFLICT DO NOTHING
        """
}
