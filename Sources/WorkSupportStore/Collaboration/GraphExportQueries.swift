import FoundationEssentials
import Postgres
import WorkSupportCore

/// Reads the whole collaboration graph in one snapshot for `worksupport graph export`.
public struct GraphExportQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    public func graph() throws(StoreError) -> CollaborationGraphData {
        try storeCall {
            try connection.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
                let users = try connection.query(Self.users).map {
                    CollaborationGraphData.User(id: try $0.get("id"), name: try $0.get("name"), isMember: try $0.get("member"),
                                                role: try $0.get("role"))
                }
                let issues = try connection.query(Self.issues).map {
                    CollaborationGraphData.Issue(key: try $0.get("key"), summary: try $0.get("summary"), status: try $0.get("status"),
                                                 source: try $0.get("source"))
                }
                let channels = try connection.query(Self.channels).map {
                    CollaborationGraphData.Channel(id: try $0.get("id"), name: try $0.get("name"))
                }
                let interactions = try connection.query(Self.interactions).map {
                    CollaborationGraphData.Interaction(
                        kind: try $0.get("kind"), actor: try $0.get("actor"), target: try $0.get("target"),
                        issueKey: try $0.get("issue_key"), channelID: try $0.get("channel_id"),
                        occurredAt: try $0.get("occurred_at"), source: try $0.get("source"), sourceID: try $0.get("source_id"))
                }
                return CollaborationGraphData(users: users, issues: issues, channels: channels, interactions: interactions)
            }
        }
    }

    /// Every member, and everyone an interaction names as a person.
    static let users = """
        WITH people AS (
            SELECT member_id AS id FROM team_members
            UNION SELECT actor FROM interactions
            UNION SELECT target FROM interactions WHERE kind IN ('REVIEWED', 'MENTIONED', 'REPLIED_TO')
        )
        SELECT p.id, m.name, m.member_id IS NOT NULL AS member, m.role
        FROM people p LEFT JOIN team_members m ON m.member_id = p.id
        ORDER BY p.id
        """

    /// Every issue an interaction points at (a deleted one keeps its key, without properties).
    static let issues = """
        SELECT k.key, i.summary, i.status, i.source
        FROM (SELECT DISTINCT target AS key FROM interactions WHERE kind IN ('ASSIGNED_TO', 'COMMENTED_ON')) k
        LEFT JOIN issues i ON i.issue_key = k.key
        ORDER BY k.key
        """

    static let channels = """
        SELECT k.id, c.name
        FROM (SELECT DISTINCT channel_id AS id FROM interactions WHERE channel_id IS NOT NULL) k
        LEFT JOIN slack_channels c ON c.id = k.id
        ORDER BY k.id
        """

    static let interactions = """
        SELECT kind, actor, target, issue_key, channel_id, occurred_at, source, source_id
        FROM interactions ORDER BY kind, source, source_id, target
        """
}
