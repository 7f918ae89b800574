#if canImport(Glibc)
import Glibc
#endif
import Logging

/// The master process (php-fpm's fpm_children + fpm_process_ctl): spawns the workers, reaps and
/// respawns them, enforces the request timeout, drains on SIGTERM, rolls workers on SIGHUP.
///
/// Single-threaded: every event comes through `SignalInbox`, whose timeout is the tick.
public final class PoolMaster {
    static let tickSeconds = 0.05

    var settings: PoolSettings
    let scoreboard: Scoreboard
    let spawner: WorkerSpawner
    let listenFD: Int32
    let ownedSocketPath: String?
    let notifier: SystemdNotifier
    /// Re-reads the config on SIGHUP; a throw keeps the running settings.
    let reloadSettings: () throws -> PoolSettings
    var inbox: SignalInbox
    var crashGuard: CrashLoopGuard
    let logger = Logger(label: "worksupport.pool")

    var workers: [Int: ManagedWorker] = [:]
    /// Times at which a worker should be (re)started.
    var pendingSpawns: [Double] = []
    var generation: UInt64 = 1
    var draining = false
    var drainDeadline = 0.0
    var announcedReady = false
    var startedAt = 0.0

    /// Blocks the master's signals at once, so call it before anything starts a thread.
    public init(settings: PoolSettings, listenFD: Int32, ownedSocketPath: String?, arguments: [String],
                notifier: SystemdNotifier, reloadSettings: @escaping () throws -> PoolSettings) throws(PoolError) {
        inbox = SignalInbox(signals: WorkerSpawner.masterSignals)
        signal(SIGPIPE, SIG_IGN)
        self.settings = settings
        self.listenFD = listenFD
        self.ownedSocketPath = ownedSocketPath
        self.notifier = notifier
        self.reloadSettings = reloadSettings
        // Room for a full second generation during a SIGHUP roll.
        scoreboard = try Scoreboard(slotCapacity: max(16, settings.workers * 2 + 2))
        spawner = WorkerSpawner(arguments: arguments, listenFD: listenFD, scoreboardFD: scoreboard.fileDescriptor)
        crashGuard = CrashLoopGuard(policy: settings.crashLoop)
        scoreboard.header(.targetWorkers).store(UInt64(settings.workers))
    }

    /// Runs until SIGTERM/SIGINT/SIGQUIT and the drain complete; returns the exit status.
    public func run() -> Int32 {
        startedAt = PoolClock.monotonicSeconds()
        logger.info("pool_started", metadata: ["pid": "\(getpid())", "workers": "\(settings.workers)",
                                               "request_timeout_s": "\(settings.requestTimeoutSeconds)"])
        pendingSpawns = Array(repeating: startedAt, count: settings.workers)
        while true {
            if let signal = inbox.wait(timeoutSeconds: Self.tickSeconds) { handle(signal: signal) }
            reapExitedWorkers()
            let now = PoolClock.monotonicSeconds()
            enforceRequestTimeout(now: now)
            resendStopSignals(now: now)
            if draining {
                if workers.isEmpty { break }
                if now >= drainDeadline { killRemainingWorkers() }
                continue
            }
            spawnDueWorkers(now: now)
            advanceReload(now: now)
            announceReadiness(now: now)
            crashGuard.refresh(now: now)
            scoreboard.header(.crashLoopActive).store(crashGuard.isTripped ? 1 : 0)
        }
        if let ownedSocketPath { unlink(ownedSocketPath) }
        logger.info("pool_stopped", metadata: ["pid": "\(getpid())"])
        return 0
    }

    private func handle(signal: Int32) {
        switch signal {
        case SIGTERM, SIGINT, SIGQUIT: beginDrain(signal: signal)
        case SIGHUP: beginReload()
        default: break  // SIGCHLD: reaping happens every tick
        }
    }

    // MARK: spawning and reaping

    func spawnDueWorkers(now: Double) {
        let serving = workers.values.filter { $0.intent == .serve }.count
        // Cover a shortfall (a bigger pool after SIGHUP) with immediate spawns.
        if serving + pendingSpawns.count < settings.workers {
            pendingSpawns += Array(repeating: now, count: settings.workers - serving - pendingSpawns.count)
        }
        pendingSpawns.sort()
        while let due = pendingSpawns.first, due <= now {
            pendingSpawns.removeFirst()
            guard workers.values.filter({ $0.intent == .serve }).count < settings.workers
                  || hasOldGeneration else { continue }
            spawnWorker(now: now)
        }
    }

    @discardableResult
    func spawnWorker(now: Double) -> Bool {
        guard let slot = (0..<scoreboard.slotCapacity).first(where: { workers[$0] == nil }) else {
            logger.error("spawn_skipped", metadata: ["reason": "scoreboard full"])
            return false
        }
        do {
            let pid = try spawner.spawn(slot: slot)
            scoreboard.claim(slot, pid: pid, generation: generation)
            workers[slot] = ManagedWorker(slot: slot, pid: pid, generation: generation, intent: .serve,
                                          spawnedAt: now)
            logger.info("worker_spawned", metadata: ["slot": "\(slot)", "pid": "\(pid)", "generation": "\(generation)"])
            return true
        } catch {
            logger.error("spawn_failed", metadata: ["error": "\(error.description)"])
            pendingSpawns.append(now + 1)
            return false
        }
    }

    func reapExitedWorkers() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            guard pid > 0 else { return }
            guard let worker = workers.values.first(where: { $0.pid == pid }) else { continue }
            workers[worker.slot] = nil
            scoreboard.retire(worker.slot)
            workerExited(worker, exit: WorkerExit.classify(waitStatus: status, intent: worker.intent))
        }
    }

    private func workerExited(_ worker: ManagedWorker, exit: WorkerExit) {
        let now = PoolClock.monotonicSeconds()
        logger.log(level: exit.isAbnormal ? .warning : .info, "worker_exited",
                   metadata: ["slot": "\(worker.slot)", "pid": "\(worker.pid)", "reason": "\(exit.description)"])
        if exit.isAbnormal { scoreboard.header(.abnormalExits).add(1) }
        if exit == .recycled { scoreboard.header(.recycles).add(1) }
        // Stopped workers were asked to go: a replacement (if any) is already running.
        guard exit != .stopped, !draining else { return }
        scoreboard.header(.restarts).add(1)
        switch crashGuard.recordExit(abnormal: exit.isAbnormal, at: now) {
        case .respawnNow:
            pendingSpawns.append(now)
        case .respawnAfter(let seconds, let crashLoop):
            if crashLoop {
                logger.error("crash_loop", metadata: ["abnormal_exits": "\(crashGuard.policy.threshold)+",
                                                      "window_s": "\(crashGuard.policy.windowSeconds)",
                                                      "backoff_s": "\(seconds)"])
            }
            pendingSpawns.append(now + seconds)
        }
    }

    // MARK: stopping workers

    /// Lets the worker finish its request, then exit. SIGTERM only interrupts an idle worker's
    /// accept(); a busy one sees the flag when its request is done.
    func requestStop(slot: Int, now: Double) {
        guard var worker = workers[slot], worker.intent == .serve else { return }
        worker.intent = .stop
        workers[slot] = worker
        scoreboard.slot(slot).word(.stopRequested).store(1)
        logger.info("worker_stopping", metadata: ["slot": "\(slot)", "pid": "\(worker.pid)"])
        sendStopSignalIfIdle(slot: slot, now: now)
    }

    /// A SIGTERM can land between the worker's flag check and its accept(); repeat it while idle.
    func resendStopSignals(now: Double) {
        for slot in workers.keys where workers[slot]?.intent == .stop {
            if let last = workers[slot]?.lastStopSignalAt, now - last < 0.1 { continue }
            sendStopSignalIfIdle(slot: slot, now: now)
        }
    }

    private func sendStopSignalIfIdle(slot: Int, now: Double) {
        guard let worker = workers[slot] else { return }
        let state = scoreboard.slot(slot).state
        guard state == .idle || state == .starting || state == .stopping else { return }
        kill(worker.pid, SIGTERM)
        workers[slot]?.lastStopSignalAt = now
    }
}
