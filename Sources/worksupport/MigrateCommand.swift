import ArgumentParser
import WorkSupportStore

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (safe to run twice, or twice at once).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var migrationOptions: MigrationOptions

    func run() throws {
        try reportingErrors {
            let files = try migrationOptions.load()
            let connection = try global.connect(try global.loadConfig())
            let report = try MigrationRunner(connection: connection).migrate(files)
            for file in report.applied { print("applied \(file.name)") }
            let version = files.last.map { String($0.version) } ?? "none"
            if report.applied.isEmpty {
                print("schema is current (version \(version)); nothing to do")
            } else {
                print("applied \(report.applied.count) migration(s); schema is at version \(version)")
            }
        }
    }
}
