/// SQL fragments shared by the API queries. Only column expressions are spliced in here, never
/// values: every value travels as a parameter.
enum APISQL {
    /// A timestamptz as RFC 3339 UTC text (`2026-11-22T01:50:14Z`); NULL stays NULL.
    static func rfc3339(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    /// The keys of the issues assigned to `value` (an SQL expression: a member id or name, a Jira
    /// accountId or a GitHub login, in any case), as the `assignee` filters read it.
    static func issueKeysAssignedTo(_ value: String) -> String { """
        SELECT i.issue_key FROM issues i
        WHERE i.assignee = \(value) OR i.assignee_member_id = ANY(ARRAY(
            SELECT member_id FROM team_members
            WHERE member_id = \(value) OR name = \(value) OR jira_id = \(value)
               OR lower(github_id) = lower(\(value))))
        """ }

    /// When the last harvest that wrote data (completed or partial) finished, as RFC 3339 text.
    static let lastHarvestedAt = """
        (SELECT \(rfc3339("max(finished_at)")) FROM harvest_runs WHERE status IN ('completed', 'partial'))
        """

    /// The same on its own, for the documents streamed from their rows (hierarchy, unpaged keys).
    static let lastHarvest = StoreStatement(name: "api_last_harvested_at",
                                            sql: "SELECT \(lastHarvestedAt) AS harvested_at")
}
