#if canImport(Glibc)
import Glibc
#endif

/// The worker's SIGTERM: a no-op handler installed with SA_RESTART, so the signal only ends
/// the acceptor's poll() for a connection (which fails with EINTR whatever the flag) while the
/// reads and writes of a request restart. The decision to exit is the scoreboard's stop flag,
/// which keeps the handler free of state.
enum WorkerStopSignal {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGTERM, &action, nil)
    }
}
