import Connectors
import Foundation
import WorkSupportCore
import WorkSupportStore

/// Searches GitHub per team member and label, issues and pull requests; a query whose
/// total_count passes the 1000-result cap is split by `created` ranges until each part fits.
final class GitHubHarvest {
    /// GitHub's own start; no issue was created before it.
    static let epoch = Date(timeIntervalSince1970: 1_199_145_600)  // 2008-01-01

    let client: GitHubClient
    let planner: GitHubQueryPlanner
    let normalizer: GitHubIssueNormalizer
    let sink: HarvestSink
    let progress: HarvestProgress
    let failures: HarvestFailureLog
    private(set) var fetched = 0

    init(client: GitHubClient, config: WorkSupportConfig, github: GitHubConfig, sink: HarvestSink,
         progress: HarvestProgress, failures: HarvestFailureLog) {
        self.client = client
        self.planner = GitHubQueryPlanner(team: config.team, labels: [github.issueLabel],
                                          overlapMinutes: config.harvest.overlapMinutes)
        self.normalizer = GitHubIssueNormalizer(team: config.team)
        self.sink = sink
        self.progress = progress
        self.failures = failures
    }

    func run(cursor: Date?, now: Date) {
        var seen = Set<String>()
        let writer = HarvestPage(source: .github, sink: sink, failures: failures, progress: progress)
        for query in planner.queries(updatedSince: cursor) {
            do {
                for part in try parts(of: query.text, now: now) {
                    try client.search(query: part) { page in
                        fetched += page.items.count
                        try writer.write(page.items, level: nil, seen: &seen, itemKey: { $0["html_url"]?.stringValue },
                                         normalize: { try normalizer.normalize($0) })
                    }
                }
            } catch {
                writer.recordFailure(query: query.text, error: error)
            }
        }
    }

    /// The query itself when it fits under the cap, else `created:` slices that each fit.
    func parts(of query: String, now: Date) throws -> [String] {
        let total = try client.totalCount(query: query)
        guard total > GitHubClient.searchResultCap else { return total == 0 ? [] : [query] }
        let parts = try GitHubResultCapSplitter.split(query: query, createdFrom: Self.epoch, createdThrough: now,
                                                      count: { try client.totalCount(query: $0) })
        for part in parts where part.truncated {
            failures.record(.github, itemKey: part.text, reason:
                "more than \(GitHubClient.searchResultCap) results created within one second; only the first \(GitHubClient.searchResultCap) are reachable")
        }
        return parts.map(\.text)
    }
}
