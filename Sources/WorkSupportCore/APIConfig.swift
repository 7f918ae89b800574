/// The FastCGI worker pool behind nginx.
public struct APIConfig: Sendable, Hashable {
    /// Number of workers; 0 means "one per core", decided by the pool at start.
    public var workers: Int
    public var socketPath: String
    /// A worker is recycled after serving this many requests.
    public var maxRequests: Int
    public var requestTimeoutSeconds: Int
    /// Requests slower than this are logged.
    public var slowlogMilliseconds: Int
    /// Larger request bodies are refused with 413.
    public var maxBodyBytes: Int

    public static let workersPerCore = 0

    public init(workers: Int = APIConfig.workersPerCore, socketPath: String = "/run/worksupport/api.sock",
                maxRequests: Int = 10_000, requestTimeoutSeconds: Int = 30, slowlogMilliseconds: Int = 1_000,
                maxBodyBytes: Int = 1_048_576) {
        self.workers = workers
        self.socketPath = socketPath
        self.maxRequests = maxRequests
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.slowlogMilliseconds = slowlogMilliseconds
        self.maxBodyBytes = maxBodyBytes
    }
}

extension APIConfig {
    init(reading reader: inout ConfigReader) {
        let defaults = APIConfig()
        // The default 0 stands for "per core"; a count given in the file must be positive.
        let workers = reader.integer("api.workers", default: defaults.workers, range: 1...Int.max)
        self.init(
            workers: workers,
            socketPath: reader.unixSocketPath("api.socket", default: defaults.socketPath),
            maxRequests: reader.integer("api.max_requests", default: defaults.maxRequests, range: 1...Int.max),
            requestTimeoutSeconds: reader.integer("api.request_timeout_seconds",
                                                  default: defaults.requestTimeoutSeconds, range: 1...Int.max),
            slowlogMilliseconds: reader.integer("api.slowlog_ms", default: defaults.slowlogMilliseconds,
                                                range: 0...Int.max),
            maxBodyBytes: reader.integer("api.max_body_bytes", default: defaults.maxBodyBytes,
                                         range: 1...1_073_741_824))
    }
}
