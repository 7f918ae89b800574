import ArgumentParser
import WorkSupportStore

struct APIKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Create, list and revoke API keys (stored hashed).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key; it is printed once, alone on the last line.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "A name that says who uses the key.") var name: String

        func run() throws {
            try reportingErrors {
                let store = APIKeyStore(connection: try global.connect(try global.loadConfig()))
                let (key, record) = try store.create(name: name)
                print("created API key \(record.id) '\(record.name)' (\(record.prefix)…); it is shown only now:")
                print(key)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never the keys themselves).")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reportingErrors {
                let records = try APIKeyStore(connection: try global.connect(try global.loadConfig())).list()
                let rows = records.map { record in
                    [String(record.id), record.name, record.prefix + "…", formatTime(record.createdAt),
                     formatTime(record.lastUsedAt), record.revokedAt == nil ? "active" : "revoked \(formatTime(record.revokedAt))"]
                }
                printTable(header: ["ID", "NAME", "PREFIX", "CREATED", "LAST USED", "STATUS"], rows: rows)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by name or id; refused at once.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The key's name or numeric id.") var key: String

        func run() throws {
            try reportingErrors {
                let record = try APIKeyStore(connection: try global.connect(try global.loadConfig())).revoke(key)
                print("revoked API key \(record.id) '\(record.name)'")
            }
        }
    }
}

func printTable(header: [String], rows: [[String]]) {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    for row in all {
        print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
}
