import JSON
import WorkSupportCore
import WorkSupportStore

/// One upstream page on its way to the store: normalize each item (a bad item becomes a
/// `harvest_errors` row, not a failed page), skip keys this run already wrote, write the rest.
struct HarvestPage {
    let source: HarvestErrorSource
    let sink: HarvestSink
    let failures: HarvestFailureLog
    let progress: HarvestProgress

    /// Returns the records written, so the Jira walk can plan the next level from them.
    @discardableResult
    func write(_ items: [JSONValue], level: Int?, seen: inout Set<String>,
               itemKey: (JSONValue) -> String?,
               normalize: (JSONValue) throws -> IssueRecord) throws -> [IssueRecord] {
        var records: [IssueRecord] = []
        records.reserveCapacity(items.count)
        for item in items {
            do {
                let record = try normalize(item)
                if seen.insert(record.issueKey).inserted { records.append(record) }
            } catch {
                failures.record(source, itemKey: itemKey(item), error: error)
            }
        }
        try sink.accept(records) { [failures, source] rejection in
            failures.record(source, itemKey: rejection.issueKey, reason: rejection.reason)
        }
        progress.page(source: source.rawValue, level: level, items: items.count)
        return records
    }

    /// A failed query: a store error is the database's fault, anything else the upstream's.
    func recordFailure(query: String, error: any Error) {
        failures.record(error is StoreError ? .database : source, itemKey: String(query.prefix(200)), error: error)
    }
}
