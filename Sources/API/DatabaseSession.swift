import TextUtilities
import Postgres
import Logging
import WorkSupportStore

/// One PostgreSQL connection of a worker (the write connection, or the read connection when
/// `database.read_url` is set): opened on first use, re-opened after a loss, and while the
/// database is down, refused at once (a new attempt at most every `retryInterval`) so requests
/// get a 503 instead of waiting on connects. Holds no session state but prepared statements.
final class DatabaseSession {
    let url: String
    let retryInterval: UInt64
    private let clock: MonotonicClock
    private let metrics: RequestMetrics
    private var connection: PostgresConnection?
    private let logger = Logger(label: "worksupport.api")
    /// Why the database is unusable, and when the last attempt failed; nil while it works.
    private(set) var outage: (reason: String, since: UInt64)?
    init(url: String, retryInterval: UInt64 = 500_000_000, clock: @escaping MonotonicClock, metrics: RequestMetrics) {
        self.url = Self.withConnectTimeout(url)
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
                return try body(connection)
            } catch {
                metrics.count(MetricLayout.databaseErrors)
                guard let lost = error.underlying, lost.code == .connectionLost || lost.code == .connectionFailed else {
                    logger.error("database_error", metadata: ["message": "\(error.message)"])
                    throw APIError.internalError
                }
                if retryOnLoss && attempt == 1 { continue }
                outage = (Self.reason(lost), clock())
                throw unavailable()
            }
        }
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
            if outage != nil { logger.notice("database_reconnected") }
            outage = nil
            return connection!
        } catch {
            metrics.count(MetricLayout.databaseErrors)
            if outage == nil { logger.warning("database_unavailable", metadata: ["reason": "\(Self.reason(error))"]) }
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
        return line.trimmingSpaces()
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
}
