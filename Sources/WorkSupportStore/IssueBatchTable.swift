import Postgres
import WorkSupportCore

/// The session's `issue_write_batch` temp table, shared by the writer and staged reloads: a batch
/// is copied into it and one statement reads it, in one query.
enum IssueBatchTable {
    /// Runs `statement` over `records` in batches of `batchSize` (duplicate keys merged per batch),
    /// one query each, handing each result's tally and the number of records submitted to `each`.
    /// While the server works on one batch, the next one is merged and encoded, so the client's
    /// share overlaps the server's instead of adding to it.
    ///
    /// With `rejected`, a batch the server refuses for its data is retried in halves until the
    /// refused records stand alone; each goes to `rejected`, the others are written. Without it,
    /// the refusal is thrown.
    static func run(_ statement: String, over records: [IssueRecord], batchSize: Int, runID: Int64?,
                    origin: IssueWriter.Origin, on connection: PostgresConnection,
                    rejected: ((IssueRejection) -> Void)? = nil,
                    each: (PostgresRowsSummary, Int) throws -> Void) throws {
        let encode = { (batch: IssueWriteBatch) in
            (rows: Array(batch.copyRows(runID: runID, changedBy: origin.rawValue)), submitted: batch.submitted)
        }
        var batches = IssueWriteBatch.batches(of: records, size: batchSize).makeIterator()
        var current = batches.next().map(encode)
        while let batch = current {
            current = nil
            var encodedNext = false
            let result: PostgresRows
            do {
                result = try load(batch.rows, then: statement, on: connection,
                                  meanwhile: { current = batches.next().map(encode); encodedNext = true })
            } catch let error as PostgresError where rejected != nil && error.isRefusalOfData {
                if !encodedNext { current = batches.next().map(encode) }
                // Keys merged away inside the batch count as unchanged, as on the happy path.
                try each(PostgresRowsSummary(), batch.submitted - batch.rows.count)
                for rejection in try isolateRefused(batch.rows, failure: error, statement: statement,
                                                    on: connection, each: each) {
                    rejected?(rejection)
                }
                continue
            }
            try each(try tally(result), batch.submitted)
        }
    }

    /// Copies `rows` (`IssueWriteBatch.copyRows`) into the table and runs `statement` over it, in
    /// one query; the table is created first when this session has not got it yet. One batch per
    /// transaction: the rows vanish at its commit. `meanwhile` runs once the rows are sent, while
    /// the server works; it must not use the connection. Returns the result of `statement`.
    static func load<Rows: Sequence>(_ rows: Rows, then statement: String, on connection: PostgresConnection,
                                     meanwhile: () -> Void = {}) throws -> PostgresRows
    where Rows.Element == [String?] {
        let created = connection.hasSessionObject(IssueWriteSQL.batchTable)
        let results = try connection.copyIn(IssueWriteSQL.copyIntoBatchTable, rows: rows,
                                            before: created ? [] : [IssueWriteSQL.createBatchTable],
                                            after: [statement], meanwhile: meanwhile)
        if !created { connection.noteSessionObject(IssueWriteSQL.batchTable) }
        guard let result = results.first else {
            throw StoreError(code: .database, message: "the batch statement returned no result")
        }
        return result
    }

    static func tally(_ rows: PostgresRows) throws -> PostgresRowsSummary {
        var summary = PostgresRowsSummary()
        for row in rows {
            if try row.get("inserted", as: Bool.self) { summary.inserted += 1 } else { summary.updated += 1 }
        }
        return summary
    }
}
