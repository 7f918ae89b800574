#if canImport(Glibc)
import Glibc
#endif

/// Microsecond clocks. CLOCK_MONOTONIC is system-wide on Linux, so the master can compare a
/// worker's request start time with its own "now" to enforce the request timeout.
enum PoolClock {
    static func monotonicMicros() -> UInt64 { read(CLOCK_MONOTONIC) }
    static func realtimeMicros() -> UInt64 { read(CLOCK_REALTIME) }
    static func monotonicSeconds() -> Double { Double(monotonicMicros()) / 1_000_000 }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec / 1000)
    }
}
