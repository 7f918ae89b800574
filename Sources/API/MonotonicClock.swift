import FoundationEssentials
import Glibc

/// Nanoseconds from an arbitrary fixed point, never going back: for latencies and intervals.
/// Tests pass their own closure to step time without sleeping.
public typealias MonotonicClock = () -> UInt64

public enum SystemClock {
    public static func monotonic() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
