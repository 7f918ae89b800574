import WorkSupportCore
import WorkSupportStore

/// Where normalized records go as pages arrive: straight into the live table (incremental run),
/// into the run's staging generation (full reload), or nowhere (dry run).
protocol HarvestSink: AnyObject {
    func accept(_ records: [IssueRecord]) throws(StoreError)
    var counts: WriteCounts { get }
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

    func accept(_ records: [IssueRecord]) throws(StoreError) {
        counts += try writer.upsert(records, runID: runID)
    }
}

/// Full reloads: the snapshot goes to staging; `StagedReload.commit` makes it live at the end.
final class StagingSink: HarvestSink {
    let reload: StagedReload
    private(set) var staged = 0
    var counts: WriteCounts { .zero }

    init(reload: StagedReload) { self.reload = reload }

    func accept(_ records: [IssueRecord]) throws(StoreError) {
        staged += try reload.stage(records)
    }
}

/// `--dry-run`: counts what would be written.
final class DiscardingSink: HarvestSink {
    private(set) var counts = WriteCounts.zero
    func accept(_ records: [IssueRecord]) throws(StoreError) {
        counts.unchanged += records.count
    }
}
