/// Thresholds of the anomaly rules.
public struct AnomalyConfig: Sendable, Hashable {
    /// An in-progress issue not updated for this many days is `stale_in_progress`.
    public var staleDays: Int

    public init(staleDays: Int = 14) {
        self.staleDays = staleDays
    }
}

extension AnomalyConfig {
    init(reading reader: inout ConfigReader) {
        self.init(staleDays: reader.integer("anomaly.stale_days", default: AnomalyConfig().staleDays, range: 1...Int.max))
    }
}
