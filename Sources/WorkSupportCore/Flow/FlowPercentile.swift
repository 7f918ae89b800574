/// Percentiles by the nearest-rank method: the p-th percentile of n values is the value at
/// rank ⌈p·n/100⌉ of the ascending list (rank 1 at least). It is always one of the observed
/// values, and it is computed with integers only, so SQL, the simulator and this agree exactly.
public enum FlowPercentile {
    /// The percentiles `/api/flow` reports.
    public static let reported = [50, 85, 95]

    /// 1-based rank of the p-th percentile among `count` values.
    public static func rank(_ percent: Int, count: Int) -> Int {
        max(1, (percent * count + 99) / 100)
    }

    /// nil for no values.
    public static func value(_ percent: Int, ofSorted values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values[rank(percent, count: values.count) - 1]
    }
}
