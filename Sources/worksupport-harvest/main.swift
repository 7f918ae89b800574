import ArgumentParser
import Foundation
import Harvest
import Logfmt
import Postgres
import WorkSupportCore
import WorkSupportStore
import WorkSupportVersion

/// `worksupport-harvest`: one harvest run (systemd timer every 2 h, or by hand).
@main
struct HarvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksupport-harvest",
        abstract: "Harvest Jira, GitHub and Slack into PostgreSQL once.",
        discussion: "Exit status: 0 completed (or another harvester is running), 1 partial, 2 failed; 3 on a setup error.",
        version: workSupportVersion)

    enum Source: String, ExpressibleByArgument, CaseIterable { case jira, github, slack, all }

    static func main() {
        LogfmtHandler.bootstrap()
        main(nil)
    }

    @Option(name: .long, help: ArgumentHelp("Properties file.", valueName: "file")) var config: String?
    @Flag(name: .long, help: "Full reload: stage a new snapshot and swap it in at the end.") var full = false
    @Option(name: .long, help: "Which source to harvest.") var source: Source = .all
    @Flag(name: .long, help: "Fetch and normalize, write nothing.") var dryRun = false
    @Option(name: .long, help: "Progress line on a terminal: auto, always, never.") var progress: HarvestProgress.Mode = .auto
    @Option(name: .long, help: "Run kind recorded in the audit: scheduled, manual, automatic.") var kind: HarvestRunKind?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let settings: WorkSupportConfig
        let connection: PostgresConnection
        do {
            settings = try ConfigFile.load(explicitPath: config, environment: environment)
            connection = try PostgresConnection(url: settings.database.url)
        } catch {
            FileHandle.standardError.write(Data("worksupport-harvest: \(oneLine(error))\n".utf8))
            throw ExitCode(3)
        }
        let sources: Set<IssueSource> = switch source {
        case .all: Set(IssueSource.allCases)
        case .jira: [.jira]
        case .github: [.github]
        case .slack: []
        }
        // Under systemd the timer starts us (scheduled); by hand it is a manual run.
        let invokedBy = environment["INVOCATION_ID"] != nil ? "systemd" : "cli:\(environment["USER"] ?? "unknown")"
        let options = HarvestOptions(fullReload: full, sources: sources, dryRun: dryRun,
                                     kind: kind ?? (environment["INVOCATION_ID"] != nil ? .scheduled : .manual),
                                     trigger: invokedBy, collectsSlack: source == .all || source == .slack)
        do {
            let report = try HarvestRunner(config: settings, connection: connection,
                                           progress: HarvestProgress(mode: progress)).run(options)
            if let message = report.message { FileHandle.standardError.write(Data("worksupport-harvest: \(message)\n".utf8)) }
            throw ExitCode(report.exitCode)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("worksupport-harvest: \(oneLine(error))\n".utf8))
            throw ExitCode(2)
        }
    }

    func oneLine(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension HarvestProgress.Mode: ExpressibleByArgument {}
extension HarvestRunKind: ExpressibleByArgument {}
