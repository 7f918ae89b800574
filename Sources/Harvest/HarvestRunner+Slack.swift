import Connectors
import Foundation
import JSON
import Postgres
import WorkSupportCore
import WorkSupportStore

extension HarvestRunner {
    /// Collects Slack, prunes what is past `slack.retention_days`, and records the Slack counts
    /// in the run's audit row. Answers the requests sent.
    func harvestSlack(_ slack: SlackConfig, transport: UpstreamTransport, runID: Int64, full: Bool, startedAt: Date,
                      failures: HarvestFailureLog, cursors: inout JSONObject) throws -> Int {
        let store = SlackStore(connection: connection)
        let mark = full ? nil : try store.lastHighWaterMark()
        let collector = SlackHarvest(client: SlackClient(apiURL: slack.apiURL, token: slack.token ?? "", transport: transport),
                                     connection: connection, config: slack, progress: progress, failures: failures)
        collector.run(highWaterMark: mark, now: startedAt)
        if failures.count(of: .slack) == 0 { cursors["slack"] = .string(PostgresTimestamp.format(startedAt)) }
        let pruned = try store.prune(before: startedAt.addingTimeInterval(-Double(slack.retentionDays) * 86_400))
        try store.record(runID: runID, fetched: collector.fetched, written: collector.counts.written,
                         deleted: collector.deleted, channelsSkipped: collector.channelsSkipped, pruned: pruned)
        progress.log("slack", ["run": "\(runID)", "full": "\(mark == nil)", "channels": "\(collector.channelsRead)",
                               "skipped_channels": "\(collector.channelsSkipped)", "messages": "\(collector.fetched)",
                               "inserted": "\(collector.counts.inserted)", "updated": "\(collector.counts.updated)",
                               "deleted": "\(collector.deleted)", "pruned": "\(pruned)", "requests": "\(transport.requestCount)"])
        return transport.requestCount
    }
}
