import ArgumentParser
import Foundation
import Postgres
import WorkSupportCore
import WorkSupportStore

/// Options every subcommand shares, and the config and database they lead to.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Properties file.", valueName: "file"))
    var config: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The config from `--config`, `$WORKSUPPORT_CONFIG` or the default path (see `ConfigFile`).
    func loadConfig() throws(CLIError) -> WorkSupportConfig {
        do {
            return try ConfigFile.load(explicitPath: config, environment: environment)
        } catch {
            throw CLIError(error.description)
        }
    }

    func connect(_ config: WorkSupportConfig) throws(CLIError) -> PostgresConnection {
        do {
            return try PostgresConnection(url: config.database.url)
        } catch {
            throw CLIError("cannot connect to the database: \(error.description)")
        }
    }
}

/// Where the migration files are; shared by `migrate` and `status`.
struct MigrationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory of NNNN_name.sql files.", valueName: "dir"))
    var migrations: String?

    func load() throws(CLIError) -> [MigrationFile] {
        do {
            let directory = try MigrationCatalog.locate(
                explicit: migrations, environment: ProcessInfo.processInfo.environment,
                executablePath: CommandLine.arguments[0])
            return try MigrationCatalog.load(directory: directory)
        } catch {
            throw CLIError(error.description)
        }
    }
}
