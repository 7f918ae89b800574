#if canImport(Glibc)
import Glibc
#endif

/// Starts workers by re-executing this binary (never fork() in a Swift process that may run
/// threads): same argv, the listening socket and scoreboard inherited, the slot in the environment.
struct WorkerSpawner {
    static let executable = "/proc/self/exe"
    /// Signals the master blocks for sigtimedwait; a worker starts with them unblocked and default.
    static let masterSignals: [Int32] = [SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP]

    let arguments: [String]
    let listenFD: Int32
    let scoreboardFD: Int32

    func spawn(slot: Int) throws(PoolError) -> pid_t {
        let worker = PoolWorkerEnvironment(slot: slot, listenFD: listenFD, scoreboardFD: scoreboardFD,
                                           masterPID: getpid())
        var environment = Self.currentEnvironment().filter { entry in
            !PoolWorkerEnvironment.all.contains { entry.hasPrefix($0 + "=") }
        }
        environment += worker.variables.map { "\($0)=\($1)" }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Self.masterSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, Self.executable, nil, &attributes, argv, envp)
        guard status == 0 else {
            throw PoolError(code: .spawnFailed, context: "posix_spawn \(Self.executable) slot=\(slot)",
                            systemErrno: status)
        }
        return pid
    }

    private static func currentEnvironment() -> [String] {
        var entries: [String] = []
        var entry = environ
        while let cString = entry.pointee {
            entries.append(String(cString: cString))
            entry += 1
        }
        return entries
    }
}
