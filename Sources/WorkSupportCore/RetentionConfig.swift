/// How long raw data are kept (the audit rows have `harvest.retention_days`).
public struct RetentionConfig: Sendable, Hashable {
    /// Raw webhook and ingest deliveries older than this are pruned, except those still waiting
    /// for a replay; never below a week, so a delivery problem found late can still be replayed.
    public var deliveriesDays: Int

    public static let minimumDeliveriesDays = 7

    public init(deliveriesDays: Int = 30) {
        self.deliveriesDays = deliveriesDays
    }
}

extension RetentionConfig {
    init(reading reader: inout ConfigReader) {
        self.init(deliveriesDays: reader.integer("retention.deliveries_days", default: RetentionConfig().deliveriesDays,
                                                 range: Self.minimumDeliveriesDays...Int.max))
    }
}
