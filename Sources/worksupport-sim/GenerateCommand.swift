import ArgumentParser
import Foundation
import Logging
import Simulator

/// `worksupport-sim generate`: writes dataset.json, answer-manifest.json and worksupport.properties.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate a deterministic dataset, its answer manifest and config.")

    @Option(help: "Jira issues in total (at least \(DatasetGenerator.minimumIssues)).") var issues: Int = 1000
    @Option(help: "Team members.") var members: Int = 6
    @Option(help: "Seed: the same seed gives byte-identical files.") var seed: UInt64 = 1
    @Option(help: "Output directory.") var out: String
    @Option(help: "URL the simulator will be served at (jira.base_url and github.api_url).")
    var baseURL: String = "http://127.0.0.1:\(ServeCommand.defaultPort)"
    @Option(help: "The dataset's fixed now (RFC 3339).") var now: String = "2026-11-01T12:00:00Z"
    @Option(help: "Time zone of the Jira user (/myself); JQL dates are read in it.") var timeZone: String = "Europe/Berlin"
    @Option(help: "Labelled GitHub items of the first member (over 1000 passes the search cap).")
    var heavyMemberItems: Int = 1100
    @Option(help: "Ordinary GitHub items (default: issues / 5).") var githubItems: Int?
    @OptionGroup var delivery: DeliveryScenarioOptions
    @Option(help: "Extra In Review → In Progress loops in every started issue's history (longer histories for benchmarks).")
    var reviewLoops: Int = 0

    func validate() throws {
        guard issues >= DatasetGenerator.minimumIssues else {
            throw ValidationError("--issues must be at least \(DatasetGenerator.minimumIssues)")
        }
        guard members >= 1 else { throw ValidationError("--members must be at least 1") }
        guard (0...1000).contains(reviewLoops) else { throw ValidationError("--review-loops must be between 0 and 1000") }
        guard SimTime.parse(now) != nil else { throw ValidationError("--now must be RFC 3339, e.g. 2026-11-01T12:00:00Z") }
        guard TimeZone(identifier: timeZone) != nil else { throw ValidationError("--time-zone: unknown zone '\(timeZone)'") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        var options = DatasetGenerator.Options(
            issues: issues, members: members, seed: seed, now: SimTime.parse(now)!, timeZone: timeZone,
            heavyMemberItems: heavyMemberItems, githubItems: githubItems)
        options.reviewLoops = reviewLoops
        let dataset = DatasetGenerator.generate(options)
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        try SimDatasetFiles.write(dataset, baseURL: base, to: out, delivery: delivery.scenario(now: dataset.now))
        let seconds = Double(started.duration(to: clock.now).components.attoseconds) / 1e18
            + Double(started.duration(to: clock.now).components.seconds)
        Logger(label: "worksupport.sim").info("generated", metadata: [
            "jira_issues": "\(dataset.jiraIssues.count)", "github_items": "\(dataset.githubItems.count)",
            "planted_anomalies": "\(dataset.plantedAnomalies.count)", "seed": "\(seed)", "out": "\(out)",
            "seconds": "\(String(format: "%.2f", seconds))",
        ])
    }
}
