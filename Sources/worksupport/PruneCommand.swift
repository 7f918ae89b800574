import ArgumentParser
import Foundation
import WorkSupportCore
import WorkSupportStore

/// `worksupport prune`: the retention every harvest run applies, at once (e.g. after lowering
/// `retention.deliveries_days`, or where no harvest runs).
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete raw deliveries, harvest runs and Slack messages past their retention, as each harvest run does.",
        discussion: """
            Raw deliveries (webhook_deliveries) received more than retention.deliveries_days ago are \
            deleted in batches of \(DeliveryRetention.batchSize), each its own transaction; those still \
            waiting for a replay (failed, stored) and applied deletes are kept. Push ranges \
            (branch_pushes) received as long ago go too, except those a production deployment may still \
            take its range from (docs/dora.md, "Pushes"). Harvest runs and their \
            errors older than harvest.retention_days are deleted. With slack.* configured, Slack messages \
            posted more than slack.retention_days ago are deleted with their interactions.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let config = try global.loadConfig()
            let connection = try global.connect(config)
            let now = Date()
            let retention = DeliveryRetention(connection: connection, days: config.retention.deliveriesDays)
            let pruned = try retention.prune(now: now)
            let kept = try retention.remaining(before: pruned.cutoff)
            print("deliveries: pruned \(pruned.total) received before \(formatTime(pruned.cutoff))"
                  + " (retention.deliveries_days=\(config.retention.deliveriesDays))"
                  + Self.breakdown(pruned.bySource))
            if !kept.isEmpty {
                print("deliveries: kept \(kept.values.reduce(0, +)) older ones (waiting for a replay, or applied deletes)"
                      + Self.breakdown(kept))
            }
            let pushes = BranchPushRetention(connection: connection, days: config.retention.deliveriesDays)
            print("pushes: pruned \(try pushes.prune(now: now)) received before \(formatTime(pushes.cutoff(now: now)))"
                  + " (retention.deliveries_days=\(config.retention.deliveriesDays))")
            let runs = try HarvestRunStore(connection: connection).prune(retentionDays: config.harvest.retentionDays, now: now)
            print("harvest runs: pruned \(runs) started more than \(max(30, config.harvest.retentionDays)) days ago"
                  + " (harvest.retention_days)")
            if let slack = config.slack {
                let cutoff = now.addingTimeInterval(-Double(slack.retentionDays) * 86_400)
                let messages = try SlackStore(connection: connection).prune(before: cutoff)
                print("slack: pruned \(messages) messages posted before \(formatTime(cutoff)), with their interactions"
                      + " (slack.retention_days=\(slack.retentionDays))")
            }
        }
    }

    /// `: github 1000, jira 234`, or nothing when there is nothing to break down.
    static func breakdown(_ counts: [String: Int]) -> String {
        guard !counts.isEmpty else { return "" }
        return ": " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
