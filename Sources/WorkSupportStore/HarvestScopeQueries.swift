import FoundationEssentials
import Postgres

/// What the harvester reads from the live data to plan a run.
public struct HarvestScopeQueries {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Live Jira keys of these types: an incremental run asks for changed children of every known
    /// parent, not only of parents that changed themselves.
    public func jiraKeys(ofTypes typeIDs: [Int]) throws(StoreError) -> [String] {
        try storeCall {
            try connection.query(Self.jiraKeysOfTypes, [typeIDs]).map { try $0.get("issue_key") }
        }
    }

    /// Whether the API queued a reload (the run then becomes a full reload).
    public func reloadIsQueued() throws(StoreError) -> Bool {
        try storeCall { try connection.query(Self.queued)[0].get("queued") }
    }

    /// When the last completed full reload finished; nil if none ever did.
    public func lastCompletedReload() throws(StoreError) -> Date? {
        try storeCall { try connection.query(Self.lastReload)[0].get("finished_at") }
    }

    /// Whether a full reload is still marked running (read before recovery fails it).
    public func reloadIsMarkedRunning() throws(StoreError) -> Bool {
        try storeCall { try connection.query(Self.runningReload)[0].get("running") }
    }

    static let runningReload = """
        SELECT EXISTS (SELECT 1 FROM harvest_runs WHERE status = 'running' AND full_reload) AS running
        """
    static let jiraKeysOfTypes = """
        SELECT issue_key FROM issues WHERE source = 'jira' AND issue_type_id = ANY($1::int[]) ORDER BY issue_key
        """
    static let queued = "SELECT EXISTS (SELECT 1 FROM reload_requests WHERE status = 'queued') AS queued"
    static let lastReload = """
        SELECT max(finished_at) AS finished_at FROM harvest_runs WHERE full_reload AND status = 'completed'
        """
}
