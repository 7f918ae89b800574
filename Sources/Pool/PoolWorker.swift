#if canImport(Glibc)
import Glibc
#endif
import FastCGI

/// One worker process: accept, answer, record on the scoreboard, repeat; exits when the
/// master asks (after the current request), after `maxRequests`, or when the master is gone.
public final class PoolWorker {
    /// Exit status when the worker ends as planned (recycled or stopped).
    public static let normalExit: Int32 = 0
    /// Exit status when accept() keeps failing (listener gone): the master counts a crash.
    public static let acceptFailedExit: Int32 = 70

    public let environment: PoolWorkerEnvironment
    public let settings: PoolWorkerSettings
    public let context: PoolWorkerContext
    private let slot: ScoreboardSlot

    public init(environment: PoolWorkerEnvironment, settings: PoolWorkerSettings) throws(PoolError) {
        self.environment = environment
        self.settings = settings
        let scoreboard = try Scoreboard(attachingFD: environment.scoreboardFD)
        guard environment.slot < scoreboard.slotCapacity else {
            throw PoolError(code: .invalidWorkerEnvironment, context: "slot \(environment.slot) beyond the scoreboard")
        }
        context = PoolWorkerContext(scoreboard: scoreboard, slotIndex: environment.slot,
                                    listenFD: environment.listenFD)
        slot = scoreboard.slot(environment.slot)
    }

    /// At most this many requests are taken from the listen queue at once (one batch, plus
    /// those that cannot join it). One statement for 8 random lookups took 130 µs against
    /// 49 µs for one (pgbench, 100k issues). 16 could not be told from 8 through nginx (the
    /// machine's noise was larger), and a larger batch holds its first requests back longer.
    public static let maxGathered = 8

    /// Serves until told to stop; returns the process exit status.
    public func run(responder: some PoolRequestResponder) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        WorkerStopSignal.install()
        let listener: FastCGIListener
        do {
            listener = try FastCGIListener(listeningFD: environment.listenFD)
        } catch {
            PoolLog.event("listener_failed", ["slot": String(environment.slot), "error": error.description],
                          level: "error")
            return Self.acceptFailedExit
        }
        // One per request held at once; each reads and answers the connection it is handed.
        let acceptors = (0..<Self.maxGathered).map { _ in
            FastCGIAcceptor(handedInConnectionsOnUnixSocket: listener.isUnixSocket)
        }
        var served = 0
        var failedAccepts = 0
        while true {
            slot.setState(.idle)
            if slot.stopRequested || getppid() != environment.masterPID { break }
            guard let connection = listener.nextConnection() else {
                // EINTR from the master's SIGTERM, or a real failure; do not spin on the latter.
                if errno != EINTR { failedAccepts += 1 }
                if failedAccepts >= 100 {
                    PoolLog.event("accept_failed", ["slot": String(environment.slot), "errno": String(errno)],
                                  level: "error")
                    return Self.acceptFailedExit
                }
                continue
            }
            failedAccepts = 0
            // Not a FastCGI request (libfcgi has closed the connection): wait for the next one.
            guard let request = acceptors[0].accept(connection: connection) else { continue }
            served += serve(request, gatheringUpTo: min(acceptors.count, settings.maxRequests - served),
                            with: acceptors, from: listener, responder: responder)
            if served >= settings.maxRequests {
                slot.setState(.stopping)
                return Self.normalExit
            }
        }
        slot.setState(.stopping)
        return Self.normalExit
    }

    /// Serves `first` and, when it can join a batch, the requests already queued (up to
    /// `limit` in all): those that can join are answered together, then the others one by
    /// one. Returns how many requests were served.
    private func serve<Responder: PoolRequestResponder>(_ first: FastCGIRequest, gatheringUpTo limit: Int,
                                                        with acceptors: [FastCGIAcceptor], from listener: FastCGIListener,
                                                        responder: Responder) -> Int {
        guard let item = responder.batchItem(for: first) else {
            serve(first, responder: responder)
            return 1
        }
        // Busy from here: reading a gathered request that stalls counts against the request
        // timeout, so the master ends it like any request that runs too long.
        let started = begin(method: first.method, uri: Self.uri(of: first))
        var batch = [(request: first, item: item)]
        var alone: [FastCGIRequest] = []
        // Only connections queued already: gathering never waits for one to come.
        while batch.count + alone.count < limit, let connection = listener.pendingConnection() {
            guard let request = acceptors[batch.count + alone.count].accept(connection: connection) else { continue }
            if let item = responder.batchItem(for: request) {
                batch.append((request, item))
            } else {
                alone.append(request)
            }
        }
        let statuses = responder.respond(toBatch: batch)
        // As for one request: the scoreboard first, then the responses are flushed.
        end(batch.map { (Self.uri(of: $0.request), $0.request.method) }, statuses: statuses, startedAt: started)
        for entry in batch { entry.request.finish() }
        for request in alone { serve(request, responder: responder) }
        return batch.count + alone.count
    }

    private func serve(_ request: FastCGIRequest, responder: some PoolRequestResponder) {
        let uri = Self.uri(of: request)
        let started = begin(method: request.method, uri: uri)
        let status = responder.respond(to: request)
        // The scoreboard is updated before the response is flushed, so a client that got its
        // answer sees this worker idle and its request counted on the status page.
        defer { request.finish() }
        end([(uri, request.method)], statuses: [status], startedAt: started)
    }

    private static func uri(of request: FastCGIRequest) -> String {
        request.requestURI ?? request.documentURI ?? ""
    }

    /// Marks this worker busy with the request (the first of a batch); returns the start time.
    private func begin(method: String, uri: String) -> UInt64 {
        let started = PoolClock.monotonicMicros()
        slot.word(.requestStartRealtimeMicros).store(PoolClock.realtimeMicros())
        slot.word(.requestStartMonotonicMicros).store(started)
        slot.recordRequest(method: method, uri: uri)
        slot.setState(.busy)
        noteIfPoolSaturated()
        return started
    }

    /// Counts the requests answered, marks the worker idle, logs those past the slow-log limit.
    private func end(_ requests: [(uri: String, method: String)], statuses: [Int], startedAt started: UInt64) {
        let elapsed = PoolClock.monotonicMicros() &- started
        slot.word(.lastDurationMicros).store(elapsed)
        slot.word(.lastStatus).store(UInt64(max(0, statuses.last ?? 0)))
        slot.word(.requests).store(slot.word(.requests).load() &+ UInt64(requests.count))
        slot.setState(.idle)
        guard settings.slowlogMilliseconds > 0, elapsed >= UInt64(settings.slowlogMilliseconds) * 1000 else { return }
        for (request, status) in zip(requests, statuses) {
            PoolLog.event("slow_request", ["slot": String(environment.slot), "pid": String(getpid()),
                                           "method": request.method, "uri": request.uri, "status": String(status),
                                           "duration_ms": String(elapsed / 1000)], level: "warning")
        }
    }

    /// php-fpm's "max children reached": this request took the last idle worker.
    private func noteIfPoolSaturated() {
        let scoreboard = context.scoreboard
        for index in 0..<scoreboard.slotCapacity {
            let row = scoreboard.slot(index)
            if row.pid != 0, row.state == .idle { return }
        }
        scoreboard.header(.maxWorkersReached).add(1)
    }
}
