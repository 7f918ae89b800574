#if canImport(Glibc)
import Glibc
#endif
import Logging

/// Request timeout, readiness and SIGTERM drain: the parts of the master that watch the clock.
extension PoolMaster {
    /// Kills a worker whose current request has run past the timeout (plus grace for nginx).
    func enforceRequestTimeout(now: Double) {
        let limit = Double(settings.requestTimeoutSeconds) + settings.timeoutKillGraceSeconds
        let nowMicros = PoolClock.monotonicMicros()
        for (slot, worker) in workers where worker.intent != .timeoutKill {
            let row = scoreboard.slot(slot)
            guard row.state == .busy else { continue }
            let started = row.word(.requestStartMonotonicMicros).load()
            guard started > 0, nowMicros > started, Double(nowMicros - started) / 1_000_000 > limit else { continue }
            kill(worker.pid, SIGKILL)
            workers[slot]?.intent = .timeoutKill
            scoreboard.header(.timeoutKills).add(1)
            logger.warning("request_timeout", metadata: ["slot": "\(slot)", "pid": "\(worker.pid)",
                                                         "method": "\(row.method)", "uri": "\(row.uri)",
                                                         "timeout_s": "\(settings.requestTimeoutSeconds)"])
        }
    }

    /// READY=1 once every initial worker accepts (or the readiness timeout passed).
    func announceReadiness(now: Double) {
        guard !announcedReady else { return }
        let ready = workers.values.filter { [.idle, .busy].contains(scoreboard.slot($0.slot).state) }.count
        let timedOut = now - startedAt > settings.readinessTimeoutSeconds
        guard ready >= settings.workers || timedOut else { return }
        announcedReady = true
        notifier.notify("READY=1\nSTATUS=serving with \(ready) workers\nMAINPID=\(getpid())")
        logger.log(level: timedOut ? .warning : .info, "pool_ready", metadata: ["workers": "\(ready)"])
    }

    /// SIGTERM: stop accepting, let in-flight requests finish, then exit.
    func beginDrain(signal: Int32) {
        guard !draining else { return }
        draining = true
        drainDeadline = PoolClock.monotonicSeconds() + Double(settings.requestTimeoutSeconds) + 5
        notifier.notify("STOPPING=1")
        logger.info("drain_started", metadata: ["signal": "\(signal)", "workers": "\(workers.count)"])
        pendingSpawns.removeAll()
        let now = PoolClock.monotonicSeconds()
        for slot in workers.keys { requestStop(slot: slot, now: now) }
        // Workers hold their own copies of the listening socket; the master's is not needed.
        close(listenFD)
    }

    func killRemainingWorkers() {
        for worker in workers.values {
            logger.warning("drain_kill", metadata: ["slot": "\(worker.slot)", "pid": "\(worker.pid)"])
            kill(worker.pid, SIGKILL)
        }
        drainDeadline = .infinity
    }
}
