import Connectors
import Foundation
import JSON
import Logging
import WorkSupportCore
import WorkSupportStore

/// Walks the Jira hierarchy level by level from `jira.root_jql` (and `jira.issue_label`'s issues):
/// the children of many parents in one query (batched by the planner), never one query per issue.
///
/// For the progress line's ETA it asks Jira for at most one approximate count per level: for the
/// level's first query that runs past one page (a level whose queries fit on one page each needs
/// none). A server without the count endpoint just leaves the ETA unknown.
final class JiraHarvest {
    let client: JiraClient
    let planner: JiraQueryPlanner
    let normalizer: JiraIssueNormalizer
    let hierarchy: IssueTypeHierarchy
    let fields: [String]
    let pageSize: Int
    let sink: HarvestSink
    let progress: HarvestProgress
    let failures: HarvestFailureLog
    private(set) var fetched = 0
    private var estimate = JiraFetchEstimate()
    /// Cleared when a count fails: the server has no such endpoint, or will not count for us.
    private var countsAvailable = true

    init(client: JiraClient, config: WorkSupportConfig, jira: JiraConfig, sink: HarvestSink,
         progress: HarvestProgress, failures: HarvestFailureLog) {
        self.client = client
        self.hierarchy = config.issueTypes
        self.planner = JiraQueryPlanner(rootJQL: jira.rootJQL, issueLabel: jira.issueLabel, hierarchy: config.issueTypes,
                                        epicLinkField: jira.epicLinkField, overlapMinutes: config.harvest.overlapMinutes)
        self.normalizer = JiraIssueNormalizer(config: config)
        self.fields = JiraClient.searchFields(epicLinkField: jira.epicLinkField)
        self.pageSize = jira.pageSize
        self.sink = sink
        self.progress = progress
        self.failures = failures
    }

    /// The Jira user's UTC offset: JQL date literals are read in that zone.
    func userUTCOffset(at date: Date) -> Int {
        do {
            let zone = try client.myself()["timeZone"]?.stringValue
            return zone.flatMap(TimeZone.init(identifier:))?.secondsFromGMT(for: date) ?? 0
        } catch {
            failures.record(.jira, itemKey: "/rest/api/3/myself", error: error)
            return 0
        }
    }

    /// - Parameters:
    ///   - cursor: incremental runs fetch only what changed since (minus the overlap).
    ///   - knownKeys: for incremental runs, the live keys of given types (parents to ask under).
    func run(cursor: Date?, knownKeys: (([Int]) throws -> [String])?) {
        progress.begin(source: HarvestErrorSource.jira.rawValue)
        defer { progress.finish(source: HarvestErrorSource.jira.rawValue) }
        let offset = cursor.map(userUTCOffset(at:)) ?? 0
        var seen = Set<String>()
        var levelTypes = hierarchy.levels.first.map { $0.map(\.id) } ?? []
        var fetchedByType = fetchLevel(planner.firstLevelQueries(updatedSince: cursor, utcOffsetSeconds: offset),
                                       level: 0, seen: &seen)
        for level in 1...max(1, hierarchy.depth + 1) {
            // Children of any type, under parents whose type may have children: leaves are not
            // asked (a query round for nothing), violations and unknown types are still fetched.
            let parentTypes = Set(levelTypes + fetchedByType.keys).filter { !hierarchy.allowedChildren(of: $0).isEmpty }
            var parentKeys = parentTypes.flatMap { fetchedByType[$0] ?? [] }
            // Incremental runs also ask under live parents: a child changes without its parent.
            if let knownKeys {
                do { parentKeys += try knownKeys(parentTypes.sorted()) } catch { failures.record(.database, itemKey: nil, error: error) }
            }
            guard !parentKeys.isEmpty else { break }
            let queries: [JiraLevelQuery]
            do {
                let keys = Array(Set(parentKeys)).sorted()
                queries = try planner.childQueries(parentKeys: keys, childTypeIDs: nil,
                                                   updatedSince: cursor, utcOffsetSeconds: offset)
                    + planner.epicLinkQueries(epicKeys: keys, childTypeIDs: nil,
                                              updatedSince: cursor, utcOffsetSeconds: offset)
            } catch {
                failures.record(.internal, itemKey: nil, error: error)
                break
            }
            levelTypes = planner.childTypeIDs(underParentTypes: parentTypes.sorted())
            fetchedByType = fetchLevel(queries, level: level, seen: &seen)
        }
    }

    /// Runs the queries to their last page, writing each page; returns the keys fetched by type.
    private func fetchLevel(_ queries: [JiraLevelQuery], level: Int, seen: inout Set<String>) -> [Int: [String]] {
        var keysByType: [Int: [String]] = [:]
        let writer = HarvestPage(source: .jira, sink: sink, failures: failures, progress: progress)
        estimate.startLevel(parentCounts: queries.map(\.parentCount))
        var levelCounted = false
        for (index, query) in queries.enumerated() {
            do {
                try client.search(jql: query.jql, fields: fields, pageSize: pageSize) { page in
                    for item in page.unreadable { failures.record(.jira, itemKey: item.itemKey, reason: item.reason) }
                    fetched += page.issues.count
                    estimate.fetched(page.issues.count, query: index, isLast: page.isLast)
                    if !page.isLast, !levelCounted {
                        levelCounted = true
                        if let count = approximateCount(query) { estimate.counted(count, query: index) }
                    }
                    progress.expect(source: HarvestErrorSource.jira.rawValue, estimate.expectation)
                    let written = try writer.write(page.issues, level: level, seen: &seen,
                                                   itemKey: { $0["key"]?.stringValue },
                                                   normalize: { try normalizer.normalize($0) })
                    for record in written { keysByType[record.issueTypeID, default: []].append(record.issueKey) }
                }
            } catch {
                writer.recordFailure(query: query.jql, error: error)
            }
            estimate.finished(query: index)
        }
        return keysByType
    }

    /// Jira's approximate count of `query`, or nil when it cannot be had; the first failure stops
    /// further counts (it is not a harvest error: no issue data is missing).
    private func approximateCount(_ query: JiraLevelQuery) -> Int? {
        guard countsAvailable else { return nil }
        do {
            return try client.approximateCount(jql: query.condition)
        } catch {
            countsAvailable = false
            progress.log("count_unavailable", ["source": "jira", "reason": "\(String(describing: error).prefix(300))"],
                         level: .notice)
            return nil
        }
    }
}
