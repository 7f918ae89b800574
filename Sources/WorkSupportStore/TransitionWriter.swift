import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Writes `issue_transitions` idempotently, one transaction per batch: rows of issues with none
/// stored by COPY into the table, the others by COPY into a session temp table and one insert that
/// keeps rows already stored; a few rows (a webhook's changelog) as one parameterized insert.
/// Also the site's statuses, and which histories are complete.
public struct TransitionWriter {
    public enum Origin: String, Sendable {
        case harvest
        case webhook
    }

    /// A fetched history's outcome, for `issue_histories`.
    public struct HistoryOutcome: Sendable {
        public var issueKey: String
        public var issueID: String?
        /// nil: complete; else why it is not.
        public var failure: String?
        public var entries: Int

        public init(issueKey: String, issueID: String?, failure: String?, entries: Int) {
            self.issueKey = issueKey
            self.issueID = issueID
            self.failure = failure
            self.entries = entries
        }
    }

    let connection: PostgresConnection
    public let batchSize: Int
    /// Rows up to this count go as parameters instead of COPY.
    static let parameterRows = 8

    public init(connection: PostgresConnection, batchSize: Int = 5000) {
        self.connection = connection
        self.batchSize = max(1, batchSize)
    }

    /// A batch of fetched histories in one transaction: their rows (kept where already stored),
    /// whether each history is complete, and the issues' flow figures marked stale; then, after
    /// the commit, `refreshFigures` of the same keys. Returns how many rows were new.
    @discardableResult
    public func record(_ records: [TransitionRecord], histories outcomes: [HistoryOutcome],
                       runID: Int64?, origin: Origin) throws(StoreError) -> Int {
        guard !records.isEmpty || !outcomes.isEmpty else { return 0 }
        return try storeCall {
            try connection.transaction { connection in
                let inserted = try insertNewHistories(records, runID: runID, origin: origin)
                try markRows(outcomes, runID: runID)
                try FlowFigures.markStale(issueKeys: outcomes.map(\.issueKey) + records.map(\.issueKey), on: connection)
                return inserted
            }
        }
    }

    /// The flow figures of `issueKeys` after `record` committed their rows (`FlowFigures.refreshStale`).
    @discardableResult
    public func refreshFigures(issueKeys: [String]) throws(StoreError) -> Int {
        try FlowFigures.refreshStale(issueKeys: issueKeys, on: connection)
    }

    /// The figures of every issue still marked stale: left by a refresh that failed after its
    /// writer committed (`FlowFigures.refreshEveryStale`).
    @discardableResult
    public func refreshEveryStaleFigure() throws(StoreError) -> Int {
        try FlowFigures.refreshEveryStale(on: connection)
    }

    /// Rows without their figures: the caller refreshes them in its transaction (a webhook
    /// delivery's). Returns how many rows were new.
    @discardableResult
    func insert(_ records: [TransitionRecord], runID: Int64?, origin: Origin) throws(StoreError) -> Int {
        try storeCall { try insertRows(records, runID: runID, origin: origin) }
    }

    /// Inside `record`'s transaction: the rows of issues with no row stored yet (a first harvest's,
    /// nearly all) by COPY straight into the table, nothing to keep and nothing to check; the
    /// others through the batch table's insert that keeps stored rows. Should a concurrent writer
    /// store a row of one of those issues first, the COPY rolls back to its savepoint and its rows
    /// take the other way too.
    private func insertNewHistories(_ records: [TransitionRecord], runID: Int64?, origin: Origin) throws -> Int {
        guard records.count > Self.parameterRows else { return try insertRows(records, runID: runID, origin: origin) }
        let keys = Array(Set(records.map(\.issueKey))).sorted()
        let stored = Set(try connection.query(TransitionWriteSQL.issuesWithRows, [keys]).map { try $0.get("issue_key", as: String.self) })
        var seen = Set<TransitionKey>()
        var fresh: [TransitionRecord] = [], others: [TransitionRecord] = []
        for record in records {
            if stored.contains(record.issueKey) {
                others.append(record)
            } else if seen.insert(TransitionKey(record)).inserted {
                fresh.append(record)
            }
        }
        var inserted = 0
        if !fresh.isEmpty {
            _ = try connection.execute("SAVEPOINT transition_copy")
            do {
                inserted = try connection.copyIn(TransitionWriteSQL.copyIntoTable,
                                                 rows: fresh.lazy.map { Self.row($0, runID: runID, origin: origin) })
                _ = try connection.execute("RELEASE SAVEPOINT transition_copy")
            } catch {
                guard error.isUniqueViolation else { throw error }
                _ = try connection.execute("ROLLBACK TO SAVEPOINT transition_copy")
                others += fresh
            }
        }
        return try inserted + insertRows(others, runID: runID, origin: origin)
    }

    /// A row's key in `issue_transitions`.
    struct TransitionKey: Hashable {
        var issueKey: String
        var changelogID: String
        var field: TransitionRecord.Field

        init(_ record: TransitionRecord) {
            issueKey = record.issueKey
            changelogID = record.changelogID
            field = record.field
        }
    }

    private func insertRows(_ records: [TransitionRecord], runID: Int64?, origin: Origin) throws -> Int {
        guard !records.isEmpty else { return 0 }
        var inserted = 0
        if records.count <= Self.parameterRows {
            let parameters = records.flatMap { Self.row($0, runID: runID, origin: origin).map { $0 as any PostgresEncodable } }
            let result = try connection.query(TransitionWriteSQL.insertValues(rows: records.count), parameters)
            return try result[0].get("inserted", as: Int.self)
        }
        var start = 0
        while start < records.count {
            let batch = records[start..<min(records.count, start + batchSize)]
            start += batch.count
            let created = connection.hasSessionObject(TransitionWriteSQL.batchTable)
            // Emptied after each batch: inside a transaction the commit that empties it is
            // still to come.
            let results = try connection.copyIn(TransitionWriteSQL.copyIntoBatchTable,
                                                rows: batch.lazy.map { Self.row($0, runID: runID, origin: origin) },
                                                before: created ? [] : [TransitionWriteSQL.createBatchTable],
                                                after: [TransitionWriteSQL.insertBatch, TransitionWriteSQL.emptyBatchTable])
            if !created { connection.noteSessionObject(TransitionWriteSQL.batchTable) }
            inserted += try results.first?[0].get("inserted", as: Int.self) ?? 0
        }
        return inserted
    }

    /// `TransitionWriteSQL.columns`, in order, as text.
    static func row(_ record: TransitionRecord, runID: Int64?, origin: Origin) -> [String?] {
        [record.issueKey, record.changelogID, record.field.rawValue, PostgresTimestamp.format(record.changedAt),
         record.author, record.fromValue, record.toValue, record.fromID, record.toID,
         record.fromCategory?.rawValue, record.toCategory?.rawValue, String(record.historyOrder), origin.rawValue,
         runID.map { String($0) }, record.raw.serializedString()]
    }

    /// The site's statuses (`GET /rest/api/3/status`): id, name, category.
    public func saveStatuses(_ statuses: [(id: String, name: String, category: StatusCategory)]) throws(StoreError) {
        guard !statuses.isEmpty else { return }
        _ = try storeCall {
            try connection.query(TransitionWriteSQL.upsertStatus, [statuses.map(\.id), statuses.map(\.name),
                                                                  statuses.map(\.category.rawValue)])
        }
    }

    /// The categories recorded so far (what a run uses when `/status` cannot be had).
    public func statusCategories() throws(StoreError) -> [String: StatusCategory] {
        try storeCall {
            var categories: [String: StatusCategory] = [:]
            for row in try connection.query(TransitionWriteSQL.statusCategories) {
                categories[try row.get("id")] = StatusCategory(jiraKey: try row.get("category", as: String.self))
            }
            return categories
        }
    }

    /// (key, Jira id or key) of the issues whose histories run `runID` must fetch.
    public func issuesNeedingHistory(runID: Int64, everyIssue: Bool) throws(StoreError) -> [(key: String, id: String)] {
        try storeCall {
            try connection.query(TransitionWriteSQL.issuesNeedingHistory, [runID, everyIssue]).map {
                (try $0.get("issue_key"), try $0.get("issue_id"))
            }
        }
    }

    /// Marks histories without refreshing their figures: the caller does, in its transaction.
    func markHistories(_ outcomes: [HistoryOutcome], runID: Int64?) throws(StoreError) {
        try storeCall { try markRows(outcomes, runID: runID) }
    }

    private func markRows(_ outcomes: [HistoryOutcome], runID: Int64?) throws {
        guard !outcomes.isEmpty else { return }
        _ = try connection.query(TransitionWriteSQL.markHistories, [
            outcomes.map(\.issueKey), outcomes.map(\.issueID), outcomes.map { $0.failure == nil },
            outcomes.map(\.failure), outcomes.map(\.entries), runID,
        ])
    }

    public func recordCounts(runID: Int64, fetched: Int, inserted: Int) throws(StoreError) {
        _ = try storeCall { try connection.query(TransitionWriteSQL.recordCounts, [runID, fetched, inserted]) }
    }
}
