import Connectors
import Foundation
import JSON
import WorkSupportCore
import WorkSupportStore

/// Walks the Jira hierarchy level by level from `jira.root_jql`: the children of many parents in
/// one query (batched by the planner), never one query per issue.
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

    init(client: JiraClient, config: WorkSupportConfig, jira: JiraConfig, sink: HarvestSink,
         progress: HarvestProgress, failures: HarvestFailureLog) {
        self.client = client
        self.hierarchy = config.issueTypes
        self.planner = JiraQueryPlanner(rootJQL: jira.rootJQL, hierarchy: config.issueTypes,
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
        let offset = cursor.map(userUTCOffset(at:)) ?? 0
        var seen = Set<String>()
        var levelTypes = hierarchy.levels.first.map { $0.map(\.id) } ?? []
        var fetchedByType = fetchLevel([planner.rootQuery(updatedSince: cursor, utcOffsetSeconds: offset)],
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
            let queries: [String]
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
    private func fetchLevel(_ queries: [String], level: Int, seen: inout Set<String>) -> [Int: [String]] {
        var keysByType: [Int: [String]] = [:]
        let writer = HarvestPage(source: .jira, sink: sink, failures: failures, progress: progress)
        for query in queries {
            do {
                try client.search(jql: query, fields: fields, pageSize: pageSize) { page in
                    fetched += page.issues.count
                    let written = try writer.write(page.issues, level: level, seen: &seen,
                                                   itemKey: { $0["key"]?.stringValue },
                                                   normalize: { try normalizer.normalize($0) })
                    for record in written { keysByType[record.issueTypeID, default: []].append(record.issueKey) }
                }
            } catch {
                writer.recordFailure(query: query, error: error)
            }
        }
        return keysByType
    }
}
