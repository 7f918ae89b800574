import ArgumentParser
import WorkSupportStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Database reachability, schema version and the last harvest run.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var migrationOptions: MigrationOptions

    func run() throws {
        try reportingErrors {
            let files = try migrationOptions.load()
            let connection = try global.connect(try global.loadConfig())
            let status = try StoreStatus.read(connection, migrations: files)
            print("database: ok (PostgreSQL \(status.serverVersion))")
            let latest = files.last?.version ?? 0
            if !status.unknownApplied.isEmpty {
                let names = status.unknownApplied.map(\.name).joined(separator: ", ")
                print("schema: ahead of this build (database at version \(status.appliedVersion.map(String.init) ?? "none"), this build knows up to \(latest)): a newer worksupport applied \(names); install that version or a later one (`worksupport migrate` refuses to run)")
            } else if status.schemaIsCurrent {
                print("schema: current (version \(latest))")
            } else {
                let names = status.pending.map(\.name).joined(separator: ", ")
                print("schema: behind, at version \(status.appliedVersion.map(String.init) ?? "none") of \(latest); pending: \(names) (run `worksupport migrate`)")
            }
            if let run = status.lastRun {
                print("last harvest: run \(run.id) \(run.kind) \(run.status), started \(formatTime(run.startedAt)), finished \(formatTime(run.finishedAt))")
            } else {
                print("last harvest: none yet")
            }
            if let count = status.issueCount { print("issues: \(count)") }
            if !status.schemaIsCurrent { throw ExitCode(2) }
        }
    }
}
