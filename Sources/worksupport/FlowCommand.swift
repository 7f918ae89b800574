import ArgumentParser
import Foundation
import WorkSupportStore

/// `worksupport flow`: the summary of `GET /api/flow` (docs/flow.md) as tables.
struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Flow of the Jira issues: done, cycle and lead time (p50/p85/p95), throughput per ISO week, WIP, time in status, untrusted histories.",
        discussion: "Durations are in hours. Definitions: docs/flow.md.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only issues assigned to a configured team member.") var team = false
    @Option(help: "Only this assignee: member id, name, Jira accountId or GitHub login (repeatable).")
    var assignee: [String] = []
    @Option(name: .customLong("issue-type"), help: "Only this issue type, name or id (repeatable).")
    var issueType: [String] = []
    @Option(help: ArgumentHelp("Issues done at or after this day (YYYY-MM-DD, UTC) or RFC 3339 time.", valueName: "date"))
    var from: String?
    @Option(help: ArgumentHelp("Issues done before this day or time.", valueName: "date"))
    var to: String?

    func run() throws {
        try reportingErrors {
            var filter = FlowFilter()
            filter.teamOnly = team
            filter.assignees = assignee
            filter.issueTypes = issueType
            filter.from = try from.map { try Self.instant($0, option: "--from") }
            filter.to = try to.map { try Self.instant($0, option: "--to") }
            if let start = filter.from, let end = filter.to, start > end {
                throw CLIError("--from (\(from ?? "")) is after --to (\(to ?? ""))")
            }
            let config = try global.loadConfig()
            let connection = try global.connect(config)
            let text = try FlowQueries(connection: connection).summaryJSON(filter)
            guard let summary = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw CLIError("the database answered no summary")
            }
            print(Self.render(summary), terminator: "")
        }
    }

    /// A day is its midnight in UTC.
    static func instant(_ text: String, option: String) throws(CLIError) -> Date {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        let time = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if text.count == 10, let date = day.date(from: text) { return date }
        if let date = time.date(from: text) ?? fractional.date(from: text) { return date }
        throw CLIError("\(option) must be a day YYYY-MM-DD or an RFC 3339 time such as 2026-11-22T01:00:00Z, got '\(text.prefix(40))'")
    }

    static func hours(_ value: Any?) -> String {
        guard let seconds = (value as? NSNumber)?.doubleValue else { return "-" }
        return String(format: "%.2f", seconds / 3600)
    }

    static func integer(_ value: Any?) -> Int { (value as? NSNumber)?.intValue ?? 0 }

    /// The summary as the terminal shows it (captured whole so the tables line up).
    static func render(_ summary: [String: Any]) -> String {
        var output = ""
        func line(_ text: String = "") { output += text + "\n" }
        func table(_ header: [String], _ rows: [[String]]) {
            let all = [header] + rows
            let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
            for row in all {
                line(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
        let window = [(summary["from"] as? String).map { "from \($0)" }, (summary["to"] as? String).map { "to \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        let done = integer(summary["done"])
        line("done: \(done)" + (window.isEmpty ? "" : " (\(window))"))
        line()
        table(["TIME (h)", "COUNT", "OF DONE", "P50", "P85", "P95"], [("cycle", "cycle"), ("lead", "lead")].map { name, key in
            let figure = summary[key] as? [String: Any] ?? [:]
            return [name, String(integer(figure["count"])), String(done), hours(figure["p50"]), hours(figure["p85"]), hours(figure["p95"])]
        })
        line()
        let weeks = (summary["throughput"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
        table(["WEEK", "DONE"], weeks.map { [$0.key, String(integer($0.value))] })
        line()
        line("wip now: \(integer(summary["wip"]))")
        line()
        let statuses = (summary["time_in_status"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
        table(["STATUS", "HOURS", "ISSUES"], statuses.map { status, value in
            let figure = value as? [String: Any] ?? [:]
            return [status, hours(figure["seconds"]), String(integer(figure["issues"]))]
        })
        line()
        let untrusted = summary["untrusted"] as? [[String: Any]] ?? []
        line("untrusted: \(untrusted.count)")
        if !untrusted.isEmpty {
            table(["ISSUE", "PROBLEMS"], untrusted.map {
                [$0["issue_key"] as? String ?? "", ($0["problems"] as? [String] ?? []).joined(separator: ",")]
            })
        }
        return output
    }
}
