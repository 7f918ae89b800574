#if canImport(Glibc)
import Glibc
#endif

/// The master's signals, taken synchronously: they are blocked (so no handler and no global
/// state is needed) and collected with sigtimedwait, which doubles as the master's tick.
struct SignalInbox {
    private var set = sigset_t()

    /// Blocks the master's signals in the calling thread; call before any thread starts.
    init(signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// The next pending signal, or nil after `timeoutSeconds`.
    mutating func wait(timeoutSeconds: Double) -> Int32? {
        var timeout = timespec(tv_sec: Int(timeoutSeconds),
                               tv_nsec: Int((timeoutSeconds - Double(Int(timeoutSeconds))) * 1_000_000_000))
        var info = siginfo_t()
        let signal = sigtimedwait(&set, &info, &timeout)
        return signal > 0 ? signal : nil
    }
}
