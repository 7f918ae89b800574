import Synchronization

/// The live, mutable copy of the dataset behind the running simulator, with the caches that make
/// search pages cheap. All access goes through one lock; rendering happens outside it on copies.
public final class SimState: Sendable {
    struct Live {
        var original: SimDataset
        var dataset: SimDataset
        var jiraIndex: [String: Int] = [:]
        var jiraIDIndex: [Int: Int] = [:]
        /// Bumped by every change; cached search results of older generations are dropped.
        var generation = 0
        var searches: [String: CachedSearch] = [:]
        var searchOrder: [String] = []
        var clock: SimClock
    }

    /// One evaluated query: the matching issues' indices in ORDER BY order.
    struct CachedSearch {
        var generation: Int
        var evaluatedAt: Int64
        var usesRelativeDates: Bool
        var ordering: JQLOrdering
        var matches: [Int]
    }

    static let cachedSearches = 8

    let live: Mutex<Live>

    public init(dataset: SimDataset, clock: SimClock = SimClock()) {
        var state = Live(original: dataset, dataset: dataset, clock: clock)
        Self.reindex(&state)
        live = Mutex(state)
    }

    public var dataset: SimDataset { live.withLock { $0.dataset } }
    public var now: Int64 { live.withLock { $0.clock.now() } }

    public func setClock(_ clock: SimClock) {
        live.withLock { $0.clock = clock; $0.searches = [:]; $0.searchOrder = [] }
    }

    /// Back to the dataset the simulator started with.
    public func reset() {
        live.withLock { state in
            state.dataset = state.original
            Self.reindex(&state)
        }
    }

    /// Applies a change; `now` is the clock's, for the `updated` stamp.
    public func modify<T: Sendable>(_ change: (inout SimDataset, Int64) throws(SimControlError) -> T) throws(SimControlError) -> T {
        try live.withLock { (state: inout Live) throws(SimControlError) -> T in
            let result = try change(&state.dataset, state.clock.now())
            Self.reindex(&state)
            return result
        }
    }

    public func jiraIssue(key: String) -> (issue: SimJiraIssue, parent: SimJiraIssue?, catalog: SimDataset)? {
        live.withLock { state in
            let wanted = JiraKey(key)?.text ?? key
            guard let index = state.jiraIndex[wanted] ?? Int(key).flatMap({ state.jiraIDIndex[$0] }) else {
                return nil
            }
            let issue = state.dataset.jiraIssues[index]
            let parent = issue.parentKey.flatMap { state.jiraIndex[$0] }.map { state.dataset.jiraIssues[$0] }
            return (issue, parent, state.dataset)
        }
    }

    /// One page of a JQL search, continuing after `pageToken`'s position.
    public func searchJira(jql: String, maxResults: Int, pageToken: String?) throws(JQLError) -> JiraSearchPage {
        try live.withLock { (state: inout Live) throws(JQLError) -> JiraSearchPage in
            let search = try Self.evaluate(jql, in: &state)
            var start = 0
            if let pageToken, !pageToken.isEmpty {
                guard let after = search.ordering.position(fromToken: pageToken, query: jql) else {
                    throw JQLError("The provided next page token is invalid or expired.")
                }
                start = Self.firstIndex(after: after, in: search, issues: state.dataset.jiraIssues)
            }
            let end = min(search.matches.count, start + max(0, maxResults))
            let issues = search.matches[start..<end].map { state.dataset.jiraIssues[$0] }
            let parents = issues.map { issue in
                issue.parentKey.flatMap { state.jiraIndex[$0] }.map { state.dataset.jiraIssues[$0] }
            }
            var token: String?
            if end < search.matches.count, let last = issues.last {
                token = search.ordering.token(after: search.ordering.position(of: last), query: jql)
            }
            return JiraSearchPage(issues: issues, parents: parents, nextPageToken: token, catalog: state.dataset)
        }
    }

    /// How many issues `jql` matches (its ORDER BY, if any, is checked and ignored).
    public func countJira(jql: String) throws(JQLError) -> Int {
        try live.withLock { (state: inout Live) throws(JQLError) -> Int in
            try Self.evaluate(jql, in: &state).matches.count
        }
    }

    private static func evaluate(_ jql: String, in state: inout Live) throws(JQLError) -> CachedSearch {
        let now = state.clock.now()
        if let cached = state.searches[jql], cached.generation == state.generation,
           !cached.usesRelativeDates || abs(now - cached.evaluatedAt) < SimTime.msPerSecond {
            return cached
        }
        let query = try JQLParser.parse(jql)
        guard query.condition != nil else {
            throw JQLError("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.")
        }
        let predicate = try JQLEvaluator.predicate(query.condition, context: JQLContext(dataset: state.dataset, now: now))
        let ordering = JQLOrdering(query.orderBy)
        let issues = state.dataset.jiraIssues
        var positioned: [(index: Int, position: [JQLOrdering.Component])] = []
        for index in issues.indices where predicate(issues[index]) {
            positioned.append((index, ordering.position(of: issues[index])))
        }
        positioned.sort { ordering.precedes($0.position, $1.position) }
        let search = CachedSearch(generation: state.generation, evaluatedAt: now,
                                  usesRelativeDates: query.condition?.usesRelativeDates ?? false,
                                  ordering: ordering, matches: positioned.map(\.index))
        if state.searches[jql] == nil { state.searchOrder.append(jql) }
        state.searches[jql] = search
        if state.searchOrder.count > cachedSearches {
            state.searches[state.searchOrder.removeFirst()] = nil
        }
        return search
    }

    /// Binary search for the first match strictly after `position`.
    private static func firstIndex(after position: [JQLOrdering.Component], in search: CachedSearch,
                                   issues: [SimJiraIssue]) -> Int {
        var low = 0, high = search.matches.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = search.ordering.position(of: issues[search.matches[mid]])
            if search.ordering.precedes(position, candidate) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    private static func reindex(_ state: inout Live) {
        var index: [String: Int] = [:], ids: [Int: Int] = [:]
        index.reserveCapacity(state.dataset.jiraIssues.count)
        ids.reserveCapacity(state.dataset.jiraIssues.count)
        for (position, issue) in state.dataset.jiraIssues.enumerated() {
            index[issue.key] = position
            ids[issue.id] = position
        }
        state.jiraIndex = index
        state.jiraIDIndex = ids
        state.generation += 1
        state.searches = [:]
        state.searchOrder = []
    }
}

/// A page of search results plus what rendering needs.
public struct JiraSearchPage: Sendable {
    public var issues: [SimJiraIssue]
    public var parents: [SimJiraIssue?]
    public var nextPageToken: String?
    public var catalog: SimDataset
}

extension JQLExpression {
    var usesRelativeDates: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.usesRelativeDates || b.usesRelativeDates
        case .not(let inner): inner.usesRelativeDates
        case .clause(let clause):
            clause.field.isDate && clause.values.contains {
                if case .text(let text) = $0, case .relative? = JQLDate(text) { return true }
                return false
            }
        }
    }
}

/// Why a control request was refused: HTTP status and message.
public struct SimControlError: Error, CustomStringConvertible {
    public var status: Int
    public var message: String

    public init(status: Int = 400, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
