/// Which issues a complete harvest of the dataset must return, computed with the simulator's own
/// JQL evaluator: the root JQL's issues and those carrying `jira.issue_label`, then level by level every issue whose parent is already
/// in the set (any type: unknown types and hierarchy violations must be harvested to be
/// reported); on GitHub every item carrying the label and assigned to a member's login
/// (case-insensitive), issues and pull requests alike.
public struct HarvestScope: Sendable {
    public var jiraIndices: [Int]
    public var githubIndices: [Int]
    /// The Jira keys a harvester gets if it restricts each level to the configured child types
    /// (`parent in (…) AND issuetype in (…)`): it misses unknown types and hierarchy violations.
    public var jiraKeysWithTypeFilter: [String]

    public init(dataset: SimDataset) throws(JQLError) {
        let query = try JQLParser.parse(dataset.rootJQL)
        let matches = try JQLEvaluator.predicate(query.condition, context: JQLContext(dataset: dataset, now: dataset.now))
        var children: [String: [Int]] = [:]
        for (index, issue) in dataset.jiraIssues.enumerated() {
            if let parent = issue.parentKey { children[parent, default: []].append(index) }
        }
        // `jira.issue_label`'s issues are roots too.
        let labelQuery = try JQLParser.parse("labels = \"\(dataset.jiraLabel)\"")
        let labelled = try JQLEvaluator.predicate(labelQuery.condition, context: JQLContext(dataset: dataset, now: dataset.now))
        let roots = dataset.jiraIssues.indices.filter { matches(dataset.jiraIssues[$0]) || labelled(dataset.jiraIssues[$0]) }
        jiraIndices = Self.descend(from: roots, dataset: dataset, children: children) { _, _ in true }
        let allowed = Dictionary(dataset.issueTypes.map { ($0.id, Set($0.configuredChildren ?? [])) },
                                 uniquingKeysWith: { first, _ in first })
        jiraKeysWithTypeFilter = Self.descend(from: roots, dataset: dataset, children: children) { parent, child in
            allowed[parent.issueTypeID]?.contains(child.issueTypeID) ?? false
        }.map { JiraKey(project: dataset.jiraIssues[$0].project, number: dataset.jiraIssues[$0].number) }.sorted().map(\.text)

        let label = dataset.githubLabel.lowercased()
        let logins = Set(dataset.members.compactMap { $0.githubLogin?.lowercased() })
        githubIndices = dataset.githubItems.indices.filter { index in
            let item = dataset.githubItems[index]
            guard let assignee = item.assignee?.lowercased(), logins.contains(assignee) else { return false }
            return item.labels.contains { $0.lowercased() == label }
        }
    }

    private static func descend(from roots: [Int], dataset: SimDataset, children: [String: [Int]],
                                accept: (SimJiraIssue, SimJiraIssue) -> Bool) -> [Int] {
        var seen = Set(roots)
        var result = roots
        var frontier = roots
        while !frontier.isEmpty {
            var next: [Int] = []
            for parent in frontier {
                for child in children[dataset.jiraIssues[parent].key] ?? []
                where !seen.contains(child) && accept(dataset.jiraIssues[parent], dataset.jiraIssues[child]) {
                    seen.insert(child)
                    next.append(child)
                }
            }
            result += next
            frontier = next
        }
        return result
    }
}
