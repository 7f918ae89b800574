/// When and how the harvester runs.
public struct HarvestConfig: Sendable, Hashable {
    public var intervalHours: Int
    /// Audit rows and anomalies older than this are pruned; never below 30 days.
    public var retentionDays: Int
    /// Issues per upsert transaction.
    public var batchSize: Int
    /// Incremental runs re-read this much before the last cursor to cover clock skew.
    public var overlapMinutes: Int
    /// Attempts per outbound call before the failure is recorded.
    public var maxAttempts: Int
    public var timeoutSeconds: Int
    /// A command the API runs to start a harvest on demand, if any.
    public var startCommand: String?

    public init(intervalHours: Int = 2, retentionDays: Int = 90, batchSize: Int = 500,
                overlapMinutes: Int = 10, maxAttempts: Int = 5, timeoutSeconds: Int = 30,
                startCommand: String? = nil) {
        self.intervalHours = intervalHours
        self.retentionDays = retentionDays
        self.batchSize = batchSize
        self.overlapMinutes = overlapMinutes
        self.maxAttempts = maxAttempts
        self.timeoutSeconds = timeoutSeconds
        self.startCommand = startCommand
    }
}

extension HarvestConfig {
    init(reading reader: inout ConfigReader) {
        let defaults = HarvestConfig()
        self.init(
            intervalHours: reader.integer("harvest.interval_hours", default: defaults.intervalHours, range: 1...Int.max),
            retentionDays: reader.integer("harvest.retention_days", default: defaults.retentionDays, range: 30...Int.max),
            batchSize: reader.integer("harvest.batch_size", default: defaults.batchSize, range: 1...10_000),
            overlapMinutes: reader.integer("harvest.overlap_minutes", default: defaults.overlapMinutes, range: 0...Int.max),
            maxAttempts: reader.integer("harvest.max_attempts", default: defaults.maxAttempts, range: 1...20),
            timeoutSeconds: reader.integer("harvest.timeout_seconds", default: defaults.timeoutSeconds, range: 1...Int.max),
            startCommand: reader.string("harvest.start_command", .optional))
    }
}
