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

    /// Sizes every query first (GitHub's `total_count`, which the cap check needs anyway), so the
    /// progress line knows the total before the first page; then fetches them.
    func run(cursor: Date?, now: Date) {
        let source = HarvestErrorSource.github.rawValue
        progress.begin(source: source)
        defer { progress.finish(source: source) }
        var seen = Set<String>()
        let writer = HarvestPage(source: .github, sink: sink, failures: failures, progress: progress)
        var planned: [(query: String, parts: [String])] = []
        var expected = HarvestExpectation(items: 0, isApproximate: false)
        for query in planner.queries(updatedSince: cursor) {
            do {
                let split = try parts(of: query.text, now: now)
                planned.append((query.text, split.parts))
                expected.items += split.total
                // Items past the cap inside one second are counted but not reachable.
                if split.truncated { expected.isApproximate = true }
            } catch {
                writer.recordFailure(query: query.text, error: error)
            }
        }
        progress.expect(source: source, expected)
        for (query, parts) in planned {
            do {
                for part in parts {
                    try client.search(query: part) { page in
                        fetched += page.items.count
                        try writer.write(page.items, level: nil, seen: &seen, itemKey: { $0["html_url"]?.stringValue },
                                         normalize: { try normalizer.normalize($0) })
                    }
                }
            } catch {
                writer.recordFailure(query: query, error: error)
            }
        }
    }

    /// The query itself when it fits under the cap, else `created:` slices that each fit; with
    /// the query's `total_count`.
    func parts(of query: String, now: Date) throws -> (parts: [String], total: Int, truncated: Bool) {
        let total = try client.totalCount(query: query)
        guard total > GitHubClient.searchResultCap else { return (total == 0 ? [] : [query], total, false) }
        let parts = try GitHubResultCapSplitter.split(query: query, createdFrom: Self.epoch, createdThrough: now,
                                                      count: { try client.totalCount(query: $0) })
        for part in parts where part.truncated {
            failures.record(.github, itemKey: part.text, reason:
                "more than \(GitHubClient.searchResultCap) results created within one second; only the first \(GitHubClient.searchResultCap) are reachable")
        }
        return (parts.map(\.text), total, parts.contains { $0.truncated })
    }
}
