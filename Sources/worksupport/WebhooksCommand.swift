import ArgumentParser
import Foundation
import WorkSupportCore
import WorkSupportStore

/// `worksupport webhooks replay`: re-applies stored deliveries (after a fix or a scope change).
struct WebhooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Stored webhook deliveries.",
        subcommands: [Replay.self])

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-apply stored deliveries, oldest first; idempotent.",
            discussion: """
                Each delivery is decided again from its stored body with the current configuration \
                (scope, team, hierarchy) and applied under the same guard as live deliveries: an older \
                delivery never overwrites newer data. Its status in webhook_deliveries is updated.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp(
            "Only deliveries received at or after this time (RFC 3339, or a date: 2026-05-01).", valueName: "time"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Only the delivery with this id.", valueName: "id"))
        var delivery: String?

        func run() throws {
            try reportingErrors {
                let since = try since.map(Self.parseTime)
                let config = try global.loadConfig()
                let connection = try global.connect(config)
                let replay = WebhookReplay(connection: connection, interpreter: WebhookInterpreter(config: config),
                                           anomalyPass: AnomalyPass(connection: connection, anomaly: config.anomaly,
                                                                    release: config.release),
                                           delivery: config.delivery)
                let summary = try replay.replay(since: since, deliveryID: delivery)
                if summary.replayed == 0 && delivery != nil {
                    throw CLIError("no stored delivery with id '\(delivery!)'")
                }
                let statuses = summary.statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                print("replayed \(summary.replayed) deliveries; \(summary.written) issue rows written"
                      + (statuses.isEmpty ? "" : "; " + statuses.joined(separator: " ")))
            }
        }

        static func parseTime(_ text: String) throws(CLIError) -> Date {
            let full = ISO8601DateFormatter()
            full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let plain = ISO8601DateFormatter()
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            for formatter in [plain, full, day] {
                if let date = formatter.date(from: text) { return date }
            }
            throw CLIError("--since: '\(text)' is not an RFC 3339 time (2026-05-01T12:00:00Z) or a date (2026-05-01)")
        }
    }
}
