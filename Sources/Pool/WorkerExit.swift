#if canImport(Glibc)
import Glibc
#endif

/// Why the master stopped caring about a worker.
enum WorkerIntent: Sendable, Hashable {
    /// Serving; an exit now is either recycling (status 0) or a crash.
    case serve
    /// Asked to finish its request and exit (drain, reload, pool shrink).
    case stop
    /// SIGKILLed by the master because a request ran past the timeout.
    case timeoutKill
}

/// A reaped worker, classified from its wait status and what the master wanted of it.
public enum WorkerExit: Sendable, Hashable, CustomStringConvertible {
    /// Exited as asked.
    case stopped
    /// Exited by itself with status 0: served its `--max-requests`.
    case recycled
    /// Killed by the master for a request past the timeout.
    case timedOut
    /// Anything else: non-zero status, or a signal the master did not send.
    case crashed(exitStatus: Int32?, signal: Int32?)

    public var isAbnormal: Bool {
        if case .crashed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .stopped: "stopped"
        case .recycled: "recycled"
        case .timedOut: "timed_out"
        case .crashed(let status?, _): "crashed status=\(status)"
        case .crashed(_, let signal?): "crashed signal=\(signal)"
        case .crashed: "crashed"
        }
    }

    /// Decodes a waitpid status by hand (the W* macros are not visible from Swift).
    static func classify(waitStatus: Int32, intent: WorkerIntent) -> WorkerExit {
        let signal = waitStatus & 0x7f
        let exitStatus = (waitStatus >> 8) & 0xff
        switch intent {
        case .stop:
            return .stopped
        case .timeoutKill:
            return .timedOut
        case .serve:
            if signal == 0 { return exitStatus == 0 ? .recycled : .crashed(exitStatus: exitStatus, signal: nil) }
            return .crashed(exitStatus: nil, signal: signal)
        }
    }
}
