#if canImport(Glibc)
import Glibc
#endif
import FastCGI
import Logging

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
    private let logger = Logger(label: "worksupport.pool")

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

    /// Serves until told to stop; returns the process exit status.
    public func run(responder: some PoolRequestResponder) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        WorkerStopSignal.install()
        let acceptor = FastCGIAcceptor(listeningFD: environment.listenFD)
        var served = 0
        var failedAccepts = 0
        while true {
            slot.setState(.idle)
            if slot.stopRequested || getppid() != environment.masterPID { break }
            guard let request = acceptor.accept() else {
                // EINTR from the master's SIGTERM, EAGAIN when another worker took the
                // connection, or a real failure; do not spin on the latter.
                if errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK { failedAccepts += 1 }
                if failedAccepts >= 100 {
                    logger.error("accept_failed", metadata: ["slot": "\(environment.slot)", "errno": "\(errno)"])
                    return Self.acceptFailedExit
                }
                continue
            }
            failedAccepts = 0
            serve(request, responder: responder)
            served += 1
            if served >= settings.maxRequests {
                slot.setState(.stopping)
                return Self.normalExit
            }
        }
        slot.setState(.stopping)
        return Self.normalExit
    }

    private func serve(_ request: FastCGIRequest, responder: some PoolRequestResponder) {
        let method = request.method
        let uri = request.requestURI ?? request.documentURI ?? ""
        let started = PoolClock.monotonicMicros()
        slot.word(.requestStartRealtimeMicros).store(PoolClock.realtimeMicros())
        slot.word(.requestStartMonotonicMicros).store(started)
        slot.recordRequest(method: method, uri: uri)
        slot.setState(.busy)
        noteIfPoolSaturated()

        let status = responder.respond(to: request)
        // The scoreboard is updated before the response is flushed, so a client that got its
        // answer sees this worker idle and its request counted on the status page.
        defer { request.finish() }

        let elapsed = PoolClock.monotonicMicros() &- started
        slot.word(.lastDurationMicros).store(elapsed)
        slot.word(.lastStatus).store(UInt64(max(0, status)))
        slot.word(.requests).store(slot.word(.requests).load() &+ 1)
        slot.setState(.idle)
        if settings.slowlogMilliseconds > 0, elapsed >= UInt64(settings.slowlogMilliseconds) * 1000 {
            logger.warning("slow_request", metadata: [
                "slot": "\(environment.slot)", "pid": "\(getpid())", "method": "\(method)", "uri": "\(uri)",
                "status": "\(status)", "duration_ms": "\(elapsed / 1000)",
            ])
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
