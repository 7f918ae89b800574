import WorkSupportCore
import WorkSupportStore

/// Where normalized records go as pages arrive: straight into the live table (incremental run),
/// into the run's staging generation (full reload), or nowhere (dry run).
protocol HarvestSink: AnyObject {
    /// Writes `records`; one PostgreSQL refuses goes to `rejected` and the others are written.
    func accept(_ records: [IssueRecord], rejected: @escaping (IssueRejection) -> Void) throws(StoreError)
    var counts: WriteCounts { get }
    /// Records stored (staged, for a reload) so far, refused ones not counted.
    var stored: Int { get }
}

/// Incremental runs: guarded upserts, one transaction per batch.
final class LiveTableSink: HarvestSink {
    let writer: IssueWriter
    let runID: Int64
    private(set) var counts = WriteCounts.zero

    init(writer: IssueWriter, runID: Int64) {
        self.writer = writer
        self.runID = runID
    }

    func accept(_ records: [IssueRecord], rejected: @escaping (IssueRejection) -> Void) throws(StoreError) {
        counts += try writer.upsert(records, runID: runID, rejected: rejected)
    }

    var stored: Int { counts.inserted + counts.updated + counts.unchanged }
}

/// Full reloads: the snapshot goes to staging; `StagedReload.commit` makes it live at the end.
final class StagingSink: HarvestSink {
    let reload: StagedReload
    private(set) var staged = 0
    private(set) var refused = 0
    var counts: WriteCounts { .zero }
    var stored: Int { staged - refused }

    init(reload: StagedReload) { self.reload = reload }

    func accept(_ records: [IssueRecord], rejected: @escaping (IssueRejection) -> Void) throws(StoreError) {
        staged += try reload.stage(records) { [self] rejection in
            refused += 1
            rejected(rejection)
        }
    }
}

/// `--dry-run`: counts what would be written.
final class DiscardingSink: HarvestSink {
    private(set) var counts = WriteCounts.zero
    var stored: Int { counts.unchanged }
    func accept(_ records: [IssueRecord], rejected: @escaping (IssueRejection) -> Void) throws(StoreError) {
        counts.unchanged += records.count
    }
}
