import ArgumentParser
import Logfmt
import WorkSupportVersion

/// `worksupport`: the admin CLI (migrations, API keys, config check, status).
@main
struct WorkSupportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksupport",
        abstract: "Administer a WorkSupport installation.",
        discussion: """
            Exit status: 0 on success; 1 on an error (one line on stderr) or when `check` finds a \
            problem; 2 from `status` when the database schema is behind this build or ahead of it (a \
            newer build migrated it).
            """,
        version: workSupportVersion,
        subcommands: [MigrateCommand.self, ConfigCommand.self, APIKeyCommand.self, StatusCommand.self,
                      WebhooksCommand.self, AnomaliesCommand.self, PruneCommand.self, CheckCommand.self,
                      FlowCommand.self, DoraCommand.self, TeamCommand.self, GraphCommand.self])

    /// The commands print their results and errors themselves; anything logged is a logfmt line.
    static func main() {
        LogfmtHandler.bootstrap()
        main(nil)
    }
}
