/// A fixed array of monotonically increasing counters. The pool backs it with shared memory so
/// that `/metrics`, answered by any one worker, shows the sum over all workers; tests and
/// single-process runs use `LocalMetricCounters`. `MetricLayout` says which index means what.
public protocol MetricCounters: AnyObject {
    /// Adds `value` to counter `index` (0 ..< `MetricLayout.counterCount`).
    func add(_ index: Int, _ value: UInt64)
    /// Every counter's current total, `MetricLayout.counterCount` of them.
    func totals() -> [UInt64]
}

/// Counters in this process's memory only.
public final class LocalMetricCounters: MetricCounters {
    private var values: [UInt64]

    public init(count: Int = MetricLayout.counterCount) {
        values = Array(repeating: 0, count: count)
    }

    public func add(_ index: Int, _ value: UInt64) {
        guard values.indices.contains(index) else { return }
        values[index] &+= value
    }

    public func totals() -> [UInt64] { values }
}
