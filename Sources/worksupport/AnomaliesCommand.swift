import ArgumentParser
import Foundation
import WorkSupportStore

struct AnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Data-quality findings as a table (open ones by default), with counts by kind.")

    enum State: String, ExpressibleByArgument, CaseIterable {
        case open, resolved, all
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this kind (unknown_issue_type, orphan_parent, …).") var kind: String?
    @Option(help: "open, resolved or all.") var status: State = .open
    @Option(help: "At most this many rows.") var limit: Int = 200
    @Flag(help: "First run the anomaly pass over every issue, as after a harvest (e.g. after changing anomaly.stale_days, release.label_pattern or the team).")
    var runPass = false

    func run() throws {
        try reportingErrors {
            let config = try global.loadConfig()
            let connection = try global.connect(config)
            if runPass {
                let started = Date()
                let pass = try AnomalyPass(connection: connection, anomaly: config.anomaly, release: config.release)
                    .run(now: started, runID: nil)
                print("pass: new=\(pass.new) resolved=\(pass.resolved) open=\(pass.open) seconds="
                      + String(format: "%.2f", Date().timeIntervalSince(started)))
            }
            let open: Bool? = switch status {
            case .open: true
            case .resolved: false
            case .all: nil
            }
            let rows = try AnomalyQueries(connection: connection).rows(kind: kind, open: open, limit: max(1, limit))
            printTable(header: ["KIND", "ISSUE", "ASSIGNEE", "STATUS", "FIRST SEEN", "LAST SEEN", "SEEN"], rows: rows.map {
                [$0.kind, $0.issueKey, $0.assignee ?? "-", $0.resolvedAt == nil ? "open" : "resolved \(formatTime($0.resolvedAt))",
                 formatTime($0.firstSeen), formatTime($0.lastSeen), String($0.occurrences)]
            })
            var counts: [String: Int] = [:]
            for row in rows { counts[row.kind, default: 0] += 1 }
            print("\(rows.count) anomal\(rows.count == 1 ? "y" : "ies")" + (rows.count == limit ? " (limit reached)" : "")
                  + (counts.isEmpty ? "" : ": " + counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        }
    }
}
