import FoundationEssentials

/// What started a run (`harvest_runs.kind`).
public enum HarvestRunKind: String, Sendable, CaseIterable {
    case scheduled
    case manual
    case automatic
}

/// `harvest_runs.status`: `partial` when some items or queries failed and the rest was written.
public enum HarvestRunStatus: String, Sendable, CaseIterable {
    case running
    case completed
    case partial
    case failed
}

/// `harvest_errors.source`.
public enum HarvestErrorSource: String, Sendable, CaseIterable {
    case jira
    case github
    case database
    case `internal`
    case slack
}

/// The tallies a finished run records.
public struct HarvestRunCounts: Sendable, Equatable {
    public var fetched: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var deleted: Int
    public var failed: Int

    public init(fetched: Int = 0, inserted: Int = 0, updated: Int = 0, unchanged: Int = 0,
                deleted: Int = 0, failed: Int = 0) {
        self.fetched = fetched
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.deleted = deleted
        self.failed = failed
    }

    public init(fetched: Int, writes: WriteCounts, deleted: Int = 0, failed: Int = 0) {
        self.init(fetched: fetched, inserted: writes.inserted, updated: writes.updated,
                  unchanged: writes.unchanged, deleted: deleted, failed: failed)
    }
}

/// A run found `running` although nobody runs it any more.
public struct OrphanedRun: Sendable, Equatable {
    public let id: Int64
    public let host: String?
    public let pid: Int32?
    public let heartbeatAt: Date
}
