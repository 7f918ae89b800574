import ArgumentParser
import Foundation
import Postgres
import WorkSupportCore
import WorkSupportStore

/// Options every subcommand shares, and the config and database they lead to.
struct GlobalOptions: ParsableArguments {
    static let defaultConfigPath = "/etc/worksupport/worksupport.properties"

    @Option(name: .long, help: ArgumentHelp("Properties file.", valueName: "file"))
    var config: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The config from `--config`, `$WORKSUPPORT_CONFIG` or the default path. Without a file
    /// at the default path, the environment alone may supply what a command needs
    /// (`WORKSUPPORT_DATABASE_URL`), so packaging scripts can migrate before a config exists.
    func loadConfig() throws(CLIError) -> WorkSupportConfig {
        let explicit = config ?? environment["WORKSUPPORT_CONFIG"]
        let path = explicit ?? Self.defaultConfigPath
        let text: String
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(path): cannot read the file (permission denied?)")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIError("\(path): not UTF-8 text")
            }
            text = decoded
        } else if explicit == nil, environment["WORKSUPPORT_DATABASE_URL"] != nil {
            text = ""
        } else {
            throw CLIError("\(path): no such file (pass --config FILE or set WORKSUPPORT_DATABASE_URL)")
        }
        do {
            return try WorkSupportConfig.parse(text: text, file: path, environment: environment)
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
