import ArgumentParser
import Foundation
import WorkSupportCore
import WorkSupportStore

/// `worksupport team reviews|quiet|owners`: the team questions of `GET /api/team/…`
/// (docs/collaboration.md) as tables.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "The team questions: review centrality, quiet members, product owners without current tickets.",
        subcommands: [Reviews.self, Quiet.self, Owners.self])

    struct Window: ParsableArguments {
        @Option(help: ArgumentHelp("Window start: days back (30d), a date YYYY-MM-DD (UTC) or an RFC 3339 time; default 30 days.",
                                   valueName: "D"))
        var since: String?

        /// The window (checked before anything else) and the queries on the configured database.
        func open(_ global: GlobalOptions) throws -> (TeamWindow, TeamGraphQueries) {
            let now = Date()
            guard let start = TeamWindowStart.parse(since, now: now) else {
                throw CLIError("--since must be \(TeamWindowStart.help), in the past; got '\(since?.prefix(40) ?? "")'")
            }
            let config = try global.loadConfig()
            return (TeamWindow(since: start, until: now), TeamGraphQueries(connection: try global.connect(config)))
        }
    }

    struct Reviews: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per person: reviews given and received, distinct authors reviewed, PageRank and betweenness.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var window: Window

        func run() throws {
            try reportingErrors {
                let (window, queries) = try window.open(global)
                let inputs = try queries.reviewInputs(window)
                let report = ReviewCentralityReport(edges: inputs.edges, members: inputs.members.map { ($0.id, $0.name) })
                print("reviews: \(report.reviews) between \(report.people.count) people (since \(RFC3339Text.utc(window.since)))")
                print(TextTable.render(["person", "member", "given", "received", "authors", "pagerank", "betweenness"],
                                       report.people.map { person in
                    [person.id, person.isMember ? "yes" : "no", "\(person.reviewsGiven)", "\(person.reviewsReceived)",
                     "\(person.distinctAuthorsReviewed)", String(format: "%.4f", person.pageRank),
                     String(format: "%.2f", person.betweenness)]
                }), terminator: "")
            }
        }
    }

    struct Quiet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Members with no interaction in the window, and those whose count fell by more than half.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var window: Window

        func run() throws {
            try reportingErrors {
                let (window, queries) = try window.open(global)
                let body = try queries.quietJSON(window)
                let document = try TextTable.object(body)
                let quiet = document["quiet"] as? [[String: Any]] ?? []
                let dropped = document["dropped"] as? [[String: Any]] ?? []
                print("quiet: \(quiet.count) of \(TextTable.integer(document["members"])) members (since \(RFC3339Text.utc(window.since)))")
                print(TeamCommand.table(quiet), terminator: "")
                print("")
                print("dropped by more than half: \(dropped.count)")
                print(TeamCommand.table(dropped), terminator: "")
            }
        }
    }

    /// Members with their interactions in the window and in the one before.
    static func table(_ members: [[String: Any]]) -> String {
        TextTable.render(["member", "name", "interactions", "window before"], members.map {
            [$0["id"] as? String ?? "", $0["name"] as? String ?? "", "\(TextTable.integer($0["interactions"]))",
             "\(TextTable.integer($0["previous"]))"]
        })
    }

    struct Owners: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Members with role po and their current tickets (not done, updated in the window); none is said.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var window: Window

        func run() throws {
            try reportingErrors {
                let (window, queries) = try window.open(global)
                let body = try queries.ownersJSON(window)
                let owners = try TextTable.object(body)["owners"] as? [[String: Any]] ?? []
                print("product owners: \(owners.count) (tickets updated since \(RFC3339Text.utc(window.since)))")
                var rows: [[String]] = []
                for owner in owners {
                    let tickets = owner["tickets"] as? [[String: Any]] ?? []
                    if tickets.isEmpty { rows.append([owner["id"] as? String ?? "", "(no current ticket)", "", ""]) }
                    for ticket in tickets {
                        rows.append([owner["id"] as? String ?? "", ticket["issue_key"] as? String ?? "",
                                     ticket["status"] as? String ?? "", (ticket["links"] as? [String] ?? []).joined(separator: ",")])
                    }
                }
                print(TextTable.render(["owner", "ticket", "status", "linked by"], rows), terminator: "")
            }
        }
    }
}

/// Aligned columns for the terminal, and reading the JSON documents the database builds.
enum TextTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }

    static func object(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CLIError("the database answered no document")
        }
        return object
    }

    static func integer(_ value: Any?) -> Int { (value as? NSNumber)?.intValue ?? 0 }
}
