/// Quantiles by linear interpolation between closest ranks (Hyndman–Fan type 7, PostgreSQL's
/// `percentile_cont`): the median of an even count is the mean of the two middle values.
public enum Quantile {
    /// nil for no values.
    public static func of(_ values: [Double], _ p: Double) -> Double? {
        of(sorted: values.sorted(), p)
    }

    public static func median(_ values: [Double]) -> Double? { of(values, 0.5) }

    /// The same over values already in ascending order: several quantiles of one list sort it once.
    public static func of(sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = p * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - Double(lower))
    }
}
