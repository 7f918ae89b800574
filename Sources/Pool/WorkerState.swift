/// What a worker slot is doing, as the status page shows it (php-fpm: Idle / Running).
public enum WorkerState: UInt64, Sendable, Hashable, CustomStringConvertible {
    case free = 0
    /// Spawned, not yet accepting.
    case starting = 1
    /// Blocked in accept().
    case idle = 2
    /// Handling a request.
    case busy = 3
    /// Asked to stop; finishes its current request, then exits.
    case stopping = 4

    public var description: String {
        switch self {
        case .free: "free"
        case .starting: "starting"
        case .idle: "idle"
        case .busy: "busy"
        case .stopping: "stopping"
        }
    }
}
