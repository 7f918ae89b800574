/// What the master needs to run the pool; rebuilt from the config on SIGHUP.
public struct PoolSettings: Sendable, Hashable {
    public var workers: Int
    /// A request running longer is ended by killing its worker.
    public var requestTimeoutSeconds: Int
    /// Extra time before the kill so nginx's `fastcgi_read_timeout` (set to the same value)
    /// answers the client 504 first; a killed connection would give 502 instead.
    public var timeoutKillGraceSeconds: Double
    public var crashLoop: CrashLoopGuard.Policy
    /// How long a new worker may take to start accepting before the master moves on.
    public var readinessTimeoutSeconds: Double

    public init(workers: Int, requestTimeoutSeconds: Int, timeoutKillGraceSeconds: Double = 0.5,
                crashLoop: CrashLoopGuard.Policy = CrashLoopGuard.Policy(), readinessTimeoutSeconds: Double = 10) {
        self.workers = workers
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.timeoutKillGraceSeconds = timeoutKillGraceSeconds
        self.crashLoop = crashLoop
        self.readinessTimeoutSeconds = readinessTimeoutSeconds
    }
}

/// What each worker needs; read by the worker itself from the config it loads at exec.
public struct PoolWorkerSettings: Sendable, Hashable {
    /// The worker exits (and is replaced) after this many requests.
    public var maxRequests: Int
    /// Requests slower than this are logged; 0 logs none.
    public var slowlogMilliseconds: Int

    public init(maxRequests: Int, slowlogMilliseconds: Int) {
        self.maxRequests = maxRequests
        self.slowlogMilliseconds = slowlogMilliseconds
    }
}
