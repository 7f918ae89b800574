import ArgumentParser
import Logfmt
import WorkSupportVersion

/// `worksupport-sim`: a deterministic Jira Cloud + GitHub simulator for tests, demos and benchmarks.
@main
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksupport-sim",
        abstract: "Simulate the Jira Cloud and GitHub REST APIs over a generated dataset.",
        discussion: "See docs/simulator.md.",
        version: workSupportVersion,
        subcommands: [GenerateCommand.self, ServeCommand.self, WebhooksCommand.self])

    static func main() {
        LogfmtHandler.bootstrap()
        main(nil)
    }
}
