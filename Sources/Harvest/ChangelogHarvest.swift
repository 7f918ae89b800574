import Connectors
import Foundation
import JSON
import Logging
import WorkSupportCore
import WorkSupportStore

/// After the Jira issues of a run are written: the complete status and assignee histories of the
/// issues the run inserted or changed (a full reload: of all), plus any whose history is missing
/// or incomplete. Through bulkfetch, 1000 issues a call; per issue where bulkfetch answers 404 (for
/// the rest of the run) or fails after its retries (for that call's issues, so one bad issue costs
/// only its own history). A history that still fails becomes a `harvest_errors` row and stays
/// marked incomplete until a later run fetches it.
final class ChangelogHarvest {
    let client: JiraClient
    let writer: TransitionWriter
    let runID: Int64
    let failures: HarvestFailureLog
    let progress: HarvestProgress
    private(set) var fetched = 0
    private(set) var inserted = 0
    /// Seconds spent in the store's writes (rows, history and stale marks), for the log line.
    private(set) var writeSeconds = 0.0
    /// Seconds spent refreshing the written issues' flow figures after each write.
    private(set) var refreshSeconds = 0.0
    private var bulkAvailable = true
    private var normalizer = JiraChangelogNormalizer(categories: [:])

    init(client: JiraClient, writer: TransitionWriter, runID: Int64, failures: HarvestFailureLog, progress: HarvestProgress) {
        self.client = client
        self.writer = writer
        self.runID = runID
        self.failures = failures
        self.progress = progress
    }

    func run(everyIssue: Bool) {
        let started = Date()
        do {
            normalizer = JiraChangelogNormalizer(categories: try loadStatusCategories())
            let issues = try writer.issuesNeedingHistory(runID: runID, everyIssue: everyIssue)
            var start = 0
            while start < issues.count {
                let chunk = Array(issues[start..<min(issues.count, start + JiraClient.bulkChangelogIssueLimit)])
                start += chunk.count
                try fetch(chunk)
            }
            // Figures an earlier refresh failed to bring up to date (a webhook's, a reload's, a run's).
            let leftOver = try timed(&refreshSeconds) { () throws(StoreError) in try writer.refreshEveryStaleFigure() }
            try writer.recordCounts(runID: runID, fetched: fetched, inserted: inserted)
            progress.log("changelog", ["run": "\(runID)", "issues": "\(issues.count)", "transitions_fetched": "\(fetched)",
                                       "transitions_inserted": "\(inserted)", "bulk": "\(bulkAvailable)",
                                       "write_seconds": "\(String(format: "%.2f", writeSeconds))",
                                       "refresh_seconds": "\(String(format: "%.2f", refreshSeconds))",
                                       "stale_refreshed": "\(leftOver)",
                                       "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))"])
        } catch {
            failures.record(error is StoreError ? .database : .jira, itemKey: "changelog", error: error)
        }
    }

    /// The site's statuses, saved; when `/status` cannot be had, the categories saved before.
    private func loadStatusCategories() throws -> [String: StatusCategory] {
        do {
            let statuses = try client.statuses().compactMap { status -> (id: String, name: String, category: StatusCategory)? in
                guard let id = status["id"]?.stringValue else { return nil }
                return (id, status["name"]?.stringValue ?? id, StatusCategory(jiraKey: status["statusCategory"]?["key"]?.stringValue))
            }
            try writer.saveStatuses(statuses)
        } catch let error as UpstreamError {
            failures.record(.jira, itemKey: "/rest/api/3/status", error: error)
        }
        return try writer.statusCategories()
    }

    private func fetch(_ issues: [(key: String, id: String)]) throws {
        if bulkAvailable {
            var entries: [String: [JSONValue]] = [:]
            do {
                try client.bulkChangelog(issueIDsOrKeys: issues.map(\.id)) { page in
                    for (issueID, histories) in page.histories { entries[issueID, default: []] += histories }
                }
                try store(issues.map { ($0, entries[$0.id] ?? entries[$0.key] ?? []) })
                return
            } catch let error as UpstreamError where error.status == 404 {
                bulkAvailable = false
                progress.log("changelog_bulk_unavailable", ["reason": "\(error.reason.prefix(200))"], level: .notice)
            } catch let error as UpstreamError {
                progress.log("changelog_bulk_failed", ["issues": "\(issues.count)", "reason": "\(error.reason.prefix(200))"],
                             level: .warning)
            }
        }
        var fetchedIssues: [((key: String, id: String), [JSONValue])] = []
        var failed: [TransitionWriter.HistoryOutcome] = []
        for issue in issues {
            do {
                fetchedIssues.append((issue, try client.issueChangelog(issueKey: issue.key)))
            } catch {
                failures.record(.jira, itemKey: issue.key, error: error)
                failed.append(.init(issueKey: issue.key, issueID: issue.id, failure: "\(String(describing: error).prefix(300))",
                                    entries: 0))
            }
        }
        try store(fetchedIssues, failed: failed)
    }

    /// Writes the rows of whole histories and marks them complete (or incomplete, when an entry
    /// cannot be read; `failed`: histories that could not be fetched) in one transaction, then
    /// refreshes the issues' flow figures.
    private func store(_ histories: [((key: String, id: String), [JSONValue])],
                       failed: [TransitionWriter.HistoryOutcome] = []) throws {
        var records: [TransitionRecord] = []
        var outcomes: [TransitionWriter.HistoryOutcome] = []
        for (issue, entries) in histories {
            var failure: String?
            for entry in entries {
                do {
                    records += try normalizer.records(issueKey: issue.key, entry: entry)
                } catch {
                    failures.record(.jira, itemKey: issue.key, error: error)
                    failure = failure ?? error.reason
                }
            }
            outcomes.append(.init(issueKey: issue.key, issueID: issue.id, failure: failure, entries: entries.count))
        }
        fetched += records.count
        let histories = outcomes + failed
        inserted += try timed(&writeSeconds) { () throws(StoreError) in
            try writer.record(records, histories: histories, runID: runID, origin: .harvest)
        }
        try timed(&refreshSeconds) { () throws(StoreError) in try writer.refreshFigures(issueKeys: histories.map(\.issueKey)) }
    }

    @discardableResult
    private func timed<T>(_ seconds: inout Double, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let started = Date()
        defer { seconds += Date().timeIntervalSince(started) }
        return try body()
    }
}
