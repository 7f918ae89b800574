/// The Jira walk's running answer to "how many issues will this run fetch": Jira's search returns
/// no total, and the levels below are unknown until their parents are in. So it counts the levels
/// walked (exactly) plus the current level, sized from its queries: a finished query by what it
/// returned, a counted one by its approximate count, and the others scaled by their parent count
/// from those. Until one query of the level is sized, there is no estimate.
struct JiraFetchEstimate {
    struct Query {
        var parents: Int
        var fetched = 0
        var counted: Int?
        var done = false
    }

    /// Items fetched by the levels before the current one.
    private(set) var walked = 0
    private(set) var queries: [Query] = []
    private var started = false

    /// A new level: one entry per query with the number of parents it asks under.
    mutating func startLevel(parentCounts: [Int]) {
        walked += queries.reduce(0) { $0 + $1.fetched }
        queries = parentCounts.map { Query(parents: $0) }
        started = true
    }

    mutating func fetched(_ items: Int, query: Int, isLast: Bool) {
        queries[query].fetched += items
        if isLast { queries[query].done = true }
    }

    /// The query stopped (last page, or a failure): what it fetched is all it will fetch.
    mutating func finished(query: Int) {
        queries[query].done = true
    }

    mutating func counted(_ count: Int, query: Int) {
        queries[query].counted = count
    }

    var expectation: HarvestExpectation? {
        guard started else { return nil }
        var sizedItems = 0, sizedParents = 0
        var approximate = false
        var unsized: [Query] = []
        for query in queries {
            if query.done {
                sizedItems += query.fetched
                sizedParents += query.parents
            } else if let counted = query.counted {
                sizedItems += max(counted, query.fetched)
                sizedParents += query.parents
                approximate = true
            } else {
                unsized.append(query)
            }
        }
        var level = sizedItems
        if !unsized.isEmpty {
            guard sizedParents > 0 else { return nil }
            approximate = true
            let perParent = Double(sizedItems) / Double(sizedParents)
            for query in unsized {
                level += max(query.fetched, Int((Double(query.parents) * perParent).rounded()))
            }
        }
        return HarvestExpectation(items: walked + level, isApproximate: approximate)
    }
}
