import FoundationEssentials
import Postgres

/// The harvester's side of `reload_requests`: claim the oldest queued request, then complete or
/// fail it. At most one request is `running` (a unique index enforces it).
public struct ReloadStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    static let columns = """
        id, status, requested_at, requested_by, force, started_at, completed_at, run_id,
        records_processed, issues_deleted, error_message
        """

    /// `SKIP LOCKED`: a harvester never waits for, nor takes, a request another one is claiming.
    static let claim = """
        UPDATE reload_requests SET status = 'running', started_at = now(), run_id = $1
        WHERE id = (SELECT id FROM reload_requests WHERE status = 'queued'
                    ORDER BY requested_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING \(columns)
        """

    static let complete = """
        UPDATE reload_requests SET status = 'completed', completed_at = now(), records_processed = $2,
            issues_deleted = $3, error_message = NULL
        WHERE id = $1 AND status = 'running' RETURNING id
        """

    static let fail = """
        UPDATE reload_requests SET status = 'failed', completed_at = now(), error_message = $2
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id
        """

    static let enqueue = """
        INSERT INTO reload_requests (requested_by, force) VALUES ($1, $2) RETURNING \(columns)
        """

    static let byID = "SELECT \(columns) FROM reload_requests WHERE id = $1"

    /// The oldest queued request, now `running` under `runID`; nil when none is queued, another
    /// harvester is claiming it, or a reload is already running.
    public func claimQueued(runID: Int64) throws(StoreError) -> ReloadRequest? {
        let rows: PostgresRows
        do {
            rows = try connection.query(Self.claim, [runID])
        } catch {
            if error.isUniqueViolation { return nil }  // reload_requests_one_running: one is running
            throw StoreError(error)
        }
        return try storeCall { try rows.first.map(Self.request) }
    }

    /// Queues a request as it is, without the API's check for one already queued or running
    /// (`ReloadRequestStore.request` does that for POST /api/harvest/reload). Nothing in the
    /// service calls it: the tests use it to set up queues the API would refuse.
    public func enqueue(requestedBy: String?, force: Bool = false) throws(StoreError) -> ReloadRequest {
        try storeCall { try Self.request(try connection.query(Self.enqueue, [requestedBy, force])[0]) }
    }

    public func request(id: Int64) throws(StoreError) -> ReloadRequest? {
        try storeCall { try connection.query(Self.byID, [id]).first.map(Self.request) }
    }

    /// Returns false when the request was not running.
    @discardableResult
    public func complete(id: Int64, recordsProcessed: Int, issuesDeleted: Int) throws(StoreError) -> Bool {
        try storeCall { try connection.query(Self.complete, [id, recordsProcessed, issuesDeleted]).count == 1 }
    }

    /// Returns false when the request had already ended.
    @discardableResult
    public func fail(id: Int64, message: String) throws(StoreError) -> Bool {
        try storeCall { try connection.query(Self.fail, [id, message]).count == 1 }
    }

    static func request(_ row: PostgresRow) throws -> ReloadRequest {
        let statusText: String = try row.get("status")
        guard let status = ReloadRequest.Status(rawValue: statusText) else {
            throw StoreError(code: .database, message: "reload_requests.status '\(statusText)' is unknown")
        }
        return ReloadRequest(
            id: try row.get("id"), status: status, requestedAt: try row.get("requested_at"),
            requestedBy: try row.get("requested_by"), force: try row.get("force"),
            startedAt: try row.get("started_at"), completedAt: try row.get("completed_at"),
            runID: try row.get("run_id"), recordsProcessed: try row.get("records_processed"),
            issuesDeleted: try row.get("issues_deleted"), errorMessage: try row.get("error_message"))
    }
}
