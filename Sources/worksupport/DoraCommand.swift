import ArgumentParser
import Foundation
import WorkSupportCore
import WorkSupportStore

struct DoraCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dora",
        abstract: "DORA's five delivery metrics over a window (default the last 90 days), as GET /api/metrics/dora computes them.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this repository (owner/name).") var repo: String?
    @Option(help: "One environment instead of every production one.") var environment: String?
    @Option(help: "Window start: YYYY-MM-DD (UTC) or an RFC 3339 time.") var from: String?
    @Option(help: "Window end, exclusive: YYYY-MM-DD (UTC) or an RFC 3339 time.") var to: String?

    func run() throws {
        try reportingErrors {
            let config = try global.loadConfig()
            let end = try Self.time(to, option: "--to") ?? Date()
            let start = try Self.time(from, option: "--from") ?? end.addingTimeInterval(-90 * 86_400)
            guard start < end else { throw ValidationError("--from must be before --to") }
            let scope = DoraScope(repo: repo, environment: environment, from: start, to: end)
            let inputs = try DoraQueries(connection: try global.connect(config)).inputs(scope)
            let report = DoraCalculator(from: start, to: end, incidentLabel: config.delivery.incidentLabel)
                .report(deployments: inputs.deployments, changes: inputs.changes, incidents: inputs.incidents)
            print("window \(RFC3339Text.utc(start)) .. \(RFC3339Text.utc(end))  repo=\(repo ?? "all")  environment=\(environment ?? "production")")
            for line in Self.lines(report) { print(line) }
        }
    }

    static func lines(_ report: DoraReport) -> [String] {
        func measure(_ name: String, _ m: DoraMeasure, percent: Bool = false) -> String {
            let value = m.value.map { percent ? String(format: "%.1f %%", $0 * 100) : String(format: "%.2f", $0) }
            return "\(name.padding(toLength: 34, withPad: " ", startingAt: 0))"
                + (value ?? "n/a: \(m.unavailable ?? "")")
                + "  (\(format(m.numerator)) / \(format(m.denominator)))"
        }
        func duration(_ name: String, _ d: DoraDuration) -> String {
            let value = d.median.map { "median \(hours($0)), p85 \(hours(d.p85 ?? $0))" } ?? "n/a: \(d.unavailable ?? "")"
            return "\(name.padding(toLength: 34, withPad: " ", startingAt: 0))\(value)  (\(d.count) of \(d.eligible))"
        }
        var lines = [
            measure("deployment frequency (per week)", report.deploymentsPerWeek),
            measure("deployment days (per week)", report.deploymentDaysPerWeek),
            duration("change lead time", report.changeLeadTime),
        ]
        lines += report.leadTimeParts.map { duration("  \($0.name)", $0.duration) }
        lines += [
            measure("change fail rate", report.changeFailRate, percent: true),
            duration("failed deployment recovery time", report.failedDeploymentRecoveryTime),
            measure("deployment rework rate", report.deploymentReworkRate, percent: true),
            "rework rule: \(report.reworkRule)",
        ]
        if !report.deploymentsWithoutKnownChanges.isEmpty {
            lines.append("deployments without known changes: " + report.deploymentsWithoutKnownChanges.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        if !report.unlinkedIncidentIDs.isEmpty {
            lines.append("unlinked incidents: " + report.unlinkedIncidentIDs.map(String.init).joined(separator: ", "))
        }
        return lines
    }

    static func hours(_ seconds: Double) -> String { String(format: "%.1f h", seconds / 3600) }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    static func time(_ text: String?, option: String) throws -> Date? {
        guard let text else { return nil }
        if let date = DoraWindowBound.parse(text) { return date }
        throw ValidationError("\(option) must be YYYY-MM-DD or an RFC 3339 time such as 2026-03-01T00:00:00Z, got '\(text)'")
    }
}
