/// The php-fpm-like status page data, read from the scoreboard by any process.
public struct PoolStatusSnapshot: Sendable, Hashable {
    public struct Worker: Sendable, Hashable {
        public var slot: Int
        public var pid: Int32
        public var state: WorkerState
        /// Unix time (seconds) the worker was spawned.
        public var startTime: Double
        public var requests: UInt64
        /// The current request's URI while busy, else the last one's ("" before the first).
        public var requestURI: String
        public var requestMethod: String
        /// How long the current request has been running, while busy.
        public var currentRequestMilliseconds: Double?
        public var lastRequestMilliseconds: Double
        public var lastStatus: Int
    }

    public var masterPID: Int32
    /// Unix time (seconds) the master started.
    public var startTime: Double
    public var acceptedRequests: UInt64
    /// Connections waiting in the listen queue; nil when the socket type does not tell.
    public var listenQueue: Int?
    public var listenQueueMax: Int?
    public var activeWorkers: Int
    public var idleWorkers: Int
    public var totalWorkers: Int
    /// Configured number of workers.
    public var targetWorkers: Int
    /// How many times a request arrived while every worker was busy.
    public var maxWorkersReached: UInt64
    /// Workers started to replace one that exited (any reason).
    public var restarts: UInt64
    public var abnormalExits: UInt64
    public var timeoutKills: UInt64
    public var recycles: UInt64
    public var crashLoopActive: Bool
    public var workers: [Worker]
}

extension Scoreboard {
    public func statusSnapshot(listenQueue: ListenQueueDepth? = nil) -> PoolStatusSnapshot {
        let now = PoolClock.monotonicMicros()
        var workers: [PoolStatusSnapshot.Worker] = []
        for index in 0..<slotCapacity {
            let row = slot(index)
            let pid = row.pid
            guard pid != 0 else { continue }
            let state = row.state
            let started = row.word(.requestStartMonotonicMicros).load()
            let running = state == .busy && started > 0 ? Double(now >= started ? now - started : 0) / 1000 : nil
            workers.append(PoolStatusSnapshot.Worker(
                slot: index, pid: pid, state: state,
                startTime: Double(row.word(.startedAtMicros).load()) / 1_000_000,
                requests: row.word(.requests).load(), requestURI: row.uri, requestMethod: row.method,
                currentRequestMilliseconds: running,
                lastRequestMilliseconds: Double(row.word(.lastDurationMicros).load()) / 1000,
                lastStatus: Int(row.word(.lastStatus).load())))
        }
        let active = workers.filter { $0.state == .busy }.count
        let idle = workers.filter { $0.state == .idle }.count
        return PoolStatusSnapshot(
            masterPID: Int32(truncatingIfNeeded: header(.masterPID).load()),
            startTime: Double(header(.startTimeMicros).load()) / 1_000_000,
            acceptedRequests: totalRequests(),
            listenQueue: listenQueue?.queued, listenQueueMax: listenQueue?.limit,
            activeWorkers: active, idleWorkers: idle, totalWorkers: workers.count,
            targetWorkers: Int(header(.targetWorkers).load()),
            maxWorkersReached: header(.maxWorkersReached).load(),
            restarts: header(.restarts).load(), abnormalExits: header(.abnormalExits).load(),
            timeoutKills: header(.timeoutKills).load(), recycles: header(.recycles).load(),
            crashLoopActive: header(.crashLoopActive).load() != 0, workers: workers)
    }
}
