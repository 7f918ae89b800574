/// What a write did: `inserted + updated + unchanged` is the number of records submitted
/// (a duplicate key merged away inside a batch counts as unchanged), less any the database
/// refused (`IssueRejection`).
public struct WriteCounts: Sendable, Equatable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public static let zero = WriteCounts()

    public var written: Int { inserted + updated }

    public static func + (lhs: WriteCounts, rhs: WriteCounts) -> WriteCounts {
        WriteCounts(inserted: lhs.inserted + rhs.inserted, updated: lhs.updated + rhs.updated,
                    unchanged: lhs.unchanged + rhs.unchanged)
    }

    public static func += (lhs: inout WriteCounts, rhs: WriteCounts) { lhs = lhs + rhs }

    /// Counts from the `RETURNING inserted` rows of a guarded upsert over `submitted` records.
    init(returned rows: PostgresRowsSummary, submitted: Int) {
        self.init(inserted: rows.inserted, updated: rows.updated,
                  unchanged: submitted - rows.inserted - rows.updated)
    }
}

/// The `RETURNING (xmax = 0) AS inserted` column of an upsert, tallied.
struct PostgresRowsSummary {
    var inserted = 0
    var updated = 0
}
