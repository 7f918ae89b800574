import ArgumentParser
import Foundation
import WorkSupportCore
import WorkSupportStore

/// `worksupport graph export`: the collaboration graph for Neo4j (README, "Export to Neo4j").
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "The collaboration graph.", subcommands: [Export.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case neo4jCSV = "neo4j-csv"
        case cypher
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the graph as neo4j-admin import CSV files or as an idempotent Cypher script.",
            discussion: "neo4j-csv: nodes-User.csv, nodes-Issue.csv, nodes-Channel.csv and one rels-<TYPE>.csv per relationship type. cypher: graph.cypher (MERGE statements; running it twice gives the same graph).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "neo4j-csv or cypher.") var format: Format
        @Option(help: ArgumentHelp("Directory to write into (created if missing; files of the same names are replaced).", valueName: "DIR"))
        var out: String

        func run() throws {
            try reportingErrors {
                let config = try global.loadConfig()
                let graph = try GraphExportQueries(connection: try global.connect(config)).graph()
                let files = format == .cypher ? [("graph.cypher", Neo4jExport.cypher(graph))] : Neo4jExport.csvFiles(graph)
                do {
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    for (name, text) in files {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name), options: .atomic)
                    }
                } catch {
                    throw CLIError("cannot write into \(out): \(error.localizedDescription)")
                }
                print("wrote \(files.count) file(s) to \(out): \(graph.users.count) users, \(graph.issues.count) issues, \(graph.channels.count) channels, \(graph.interactions.count) interactions")
            }
        }
    }
}
