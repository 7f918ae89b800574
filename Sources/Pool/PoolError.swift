#if canImport(Glibc)
import Glibc
#endif

/// A pool failure with what was being done and the errno behind it.
public struct PoolError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        /// No listening socket could be opened or inherited.
        case listenFailed
        /// The shared-memory scoreboard could not be created or attached.
        case scoreboardFailed
        /// posix_spawn of a worker failed.
        case spawnFailed
        /// A worker was started without the environment the master passes it.
        case invalidWorkerEnvironment
    }

    public let code: Code
    public let context: String
    public let systemErrno: Int32?

    public init(code: Code, context: String, systemErrno: Int32? = nil) {
        self.code = code
        self.context = context
        self.systemErrno = systemErrno
    }

    public var description: String {
        guard let systemErrno else { return context }
        return "\(context): \(String(cString: strerror(systemErrno))) (errno \(systemErrno))"
    }
}
