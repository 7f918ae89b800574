import ArgumentParser
import Foundation
import Logging
import Simulator

/// `worksupport-sim webhooks`: sends signed GitHub and Jira deliveries derived from a dataset.
struct WebhooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Send signed GitHub and Jira webhook deliveries to WorkSupport.")

    @Option(help: "Base URL of WorkSupport: deliveries go to <to>/api/ingest/github and <to>/api/ingest/jira.")
    var to: String
    @Option(help: "Directory written by `generate`.") var data: String
    @Option(help: "GitHub webhook secret.") var githubSecret: String
    @Option(help: "Jira webhook secret.") var jiraSecret: String
    @Option(help: "Deliveries per source.") var count: Int = 10
    @Option(help: "Seed choosing the issues and the shuffle.") var seed: UInt64 = 1
    @Flag(help: "Sign with a wrong secret (expect 401).") var wrongSignature = false
    @Flag(help: "Send every delivery twice with the same delivery id.") var duplicates = false
    @Flag(help: "Send in a shuffled order (older updates after newer ones).") var shuffle = false

    func run() throws {
        let dataset = try SimDatasetFiles.read(from: data)
        let plan = WebhookPlan(dataset: dataset, count: count, seed: seed)
        var deliveries = plan.deliveries(githubSecret: githubSecret, jiraSecret: jiraSecret, wrongSignature: wrongSignature)
        if duplicates { deliveries = deliveries.flatMap { [$0, $0] } }
        if shuffle { deliveries = WebhookPlan.shuffled(deliveries, seed: seed) }
        let sender = WebhookSender(baseURL: to.hasSuffix("/") ? String(to.dropLast()) : to)
        let logger = Logger(label: "worksupport.sim")
        var failures = 0
        for delivery in deliveries {
            let outcome = sender.send(delivery)
            logger.log(level: outcome.accepted ? .info : .warning, "webhook_sent", metadata: Self.fields(of: outcome))
            if !outcome.accepted { failures += 1 }
        }
        logger.info("webhooks_sent", metadata: ["sent": "\(deliveries.count)", "not_accepted": "\(failures)"])
    }

    /// `webhook_event`, not `event`: the line's `event` is the log event.
    static func fields(of outcome: WebhookSender.Outcome) -> Logger.Metadata {
        let delivery = outcome.delivery
        var fields: Logger.Metadata = ["source": "\(delivery.source.rawValue)", "webhook_event": "\(delivery.event)",
                                       "delivery": "\(delivery.deliveryID)"]
        if let action = delivery.action { fields["action"] = "\(action)" }
        if let key = delivery.issueKey { fields["key"] = "\(key)" }
        if let status = outcome.status { fields["status"] = "\(status)" } else { fields["error"] = "\(outcome.error ?? "")" }
        return fields
    }
}
