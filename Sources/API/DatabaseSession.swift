import TextUtilities
import Postgres
import WorkSupportStore

/// The worker's one PostgreSQL connection: opened on first use, re-opened after a loss, and
/// while the database is down, refused at once (a new attempt at most every `retryInterval`)
/// so requests get a 503 instead of waiting on connects.
final class DatabaseSession {
    let url: String
    let retryInterval: UInt64
    private let clock: MonotonicClock
    private let metrics: RequestMetrics
    private var connection: PostgresConnection?
    /// Why the database is unusable, and when the last attempt failed; nil while it works.
    private(set) var outage: (reason: String, since: UInt64)?
    /// Whether the session LISTENs for data changes (for the shared documents of `DocumentCache`).
    let listensForChanges: Bool
    /// Which shared documents are current, from the change notifications heard.
    private(set) var watermark = DataChangeWatermark()
    /// Keys found active, kept while the session hears every key change (always listened for).
    private(set) var verifiedKeys = VerifiedKeyCache()
    /// The connection's server session that LISTENs; 0 when none does (yet, or again).
    private var listeningSession = 0
    /// Whether the database announces key changes (migration 0017's trigger, enabled).
    private var keyChangesAnnounced = false
    /// Calls of `run` whose body succeeded: a read that ran none heard no notification.
    private(set) var completedRuns: UInt64 = 0

    init(url: String, retryInterval: UInt64 = 500_000_000, clock: @escaping MonotonicClock, metrics: RequestMetrics,
         listensForChanges: Bool = false) {
        self.url = Self.withConnectTimeout(url)
        self.listensForChanges = listensForChanges
        self.retryInterval = retryInterval
        self.clock = clock
        self.metrics = metrics
    }

    /// Runs `body` on the connection. A connection found broken mid-call is re-opened and
    /// `body` run once more when `retryOnLoss` (reads); any other failure is a 503 or a 500.
    func run<T>(retryOnLoss: Bool = true, _ body: (PostgresConnection) throws(StoreError) -> T) throws(APIError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            let connection = try usableConnection()
            do throws(StoreError) {
                if listeningSession != connection.sessionNumber { try listen(on: connection) }
                defer { hearChanges(on: connection) }
                let value = try body(connection)
                completedRuns &+= 1
                return value
            } catch {
                metrics.count(MetricLayout.databaseErrors)
                guard let lost = error.underlying, lost.code == .connectionLost || lost.code == .connectionFailed else {
                    Self.log("event=database_error message=\"\(error.message)\"")
                    throw APIError.internalError
                }
                if retryOnLoss && attempt == 1 { continue }
                outage = (Self.reason(lost), clock())
                throw unavailable()
            }
        }
    }

    /// LISTENs in this server session; a new session may have missed notifications, so only
    /// documents built after it began to listen can be current, and no key it remembers is.
    private func listen(on connection: PostgresConnection) throws(StoreError) {
        watermark.forget()
        verifiedKeys.forgetAll()
        keyChangesAnnounced = try APIKeyLookup(connection: connection).listenForChanges()
        if listensForChanges {
            let snapshot = try DocumentCache(connection: connection).listen()
            watermark.listening(since: snapshot)
        }
        listeningSession = connection.sessionNumber
    }

    /// Acts on the notifications libpq has read: a key change empties the verified keys; a data
    /// change's transaction goes into the watermark.
    private func hearChanges(on connection: PostgresConnection) {
        for notification in connection.takeNotifications() {
            switch notification.channel {
            case APIKeyLookup.changeChannel:
                verifiedKeys.forgetAll()
            case DocumentCache.channel where listensForChanges:
                // Not a transaction id: any change may be behind it, so nothing stored is current
                // from this moment (the lookup this came with included) until listening anew.
                if !watermark.heard(notification.payload) {
                    watermark.forget()
                    listeningSession = 0
                }
            default:
                break
            }
        }
    }

    /// Remembers a key that a statement of this session found active. Only while listening, and
    /// only when key changes are announced: otherwise its revocation could go unheard.
    func rememberVerifiedKey(hash: String, key: APIKeyAuthenticator.Caller) {
        guard let connection, listeningSession == connection.sessionNumber, keyChangesAnnounced else { return }
        verifiedKeys.remember(hash: hash, key: key)
    }

    /// The open connection, or a 503 while the database is down.
    private func usableConnection() throws(APIError) -> PostgresConnection {
        if let connection, connection.isConnected {
            outage = nil
            return connection
        }
        if let outage, clock() &- outage.since < retryInterval { throw unavailable() }
        metrics.count(MetricLayout.databaseConnectAttempts)
        do throws(PostgresError) {
            if let connection {
                try connection.reconnectIfNeeded()
            } else {
                connection = try PostgresConnection(url: url)
            }
            if outage != nil { Self.log("event=database_reconnected") }
            outage = nil
            return connection!
        } catch {
            metrics.count(MetricLayout.databaseErrors)
            if outage == nil { Self.log("event=database_unavailable reason=\"\(Self.reason(error))\"") }
            outage = (Self.reason(error), clock())
            throw unavailable()
        }
    }

    private func unavailable() -> APIError {
        metrics.count(MetricLayout.databaseUnavailableResponses)
        return APIError.databaseUnavailable(outage?.reason ?? "not connected")
    }

    /// libpq's first line, without the server address details that follow it.
    static func reason(_ error: PostgresError) -> String {
        let line = error.message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "connection failed"
        // Quotes would break the key="value" log lines this reason appears in.
        return line.trimmingSpaces().replacing("\"", with: "'")
    }

    /// Adds `connect_timeout=2` unless the URL sets one, so a black-holed server cannot hold a
    /// worker for long.
    static func withConnectTimeout(_ url: String) -> String {
        guard !url.contains("connect_timeout") else { return url }
        if url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") {
            return url + (url.contains("?") ? "&" : "?") + "connect_timeout=2"
        }
        return url + " connect_timeout=2"
    }

    static func log(_ line: String) {
        StandardErrorLog.write("worksupport-api: \(line)")
    }
}
