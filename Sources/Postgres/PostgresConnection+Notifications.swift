import CLibPQ

/// One NOTIFY received on a channel this session LISTENs to.
public struct PostgresNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String

    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}

extension PostgresConnection {
    /// The notifications libpq has read so far, oldest first; each is returned once. libpq reads
    /// them along with statement results, and the server sends those of transactions that
    /// committed before a statement ahead of that statement's end, so after any statement this
    /// holds every change committed before it was sent.
    public func takeNotifications() -> [PostgresNotification] {
        var taken: [PostgresNotification] = []
        while let notification = PQnotifies(handle) {
            taken.append(PostgresNotification(channel: String(cString: notification.pointee.relname),
                                              payload: String(cString: notification.pointee.extra)))
            PQfreemem(notification)
        }
        return taken
    }
}
