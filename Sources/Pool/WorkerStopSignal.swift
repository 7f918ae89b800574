#if canImport(Glibc)
import Glibc
#endif

/// The worker's SIGTERM: a no-op handler installed without SA_RESTART, so the signal only
/// makes a blocked accept() fail with EINTR. The decision to exit is the scoreboard's stop flag,
/// which keeps the handler free of state.
enum WorkerStopSignal {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGTERM, &action, nil)
    }
}
