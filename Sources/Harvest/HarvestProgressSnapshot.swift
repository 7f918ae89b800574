/// How many items a source expects to fetch in this run, as far as it knows so far.
struct HarvestExpectation: Equatable {
    var items: Int
    /// An estimate (Jira's approximate count, or one query's size scaled to its level) rather than
    /// a total the upstream reported (GitHub's `total_count`).
    var isApproximate: Bool
}

/// The time left for a source, or why there is no figure.
enum HarvestETA: Equatable {
    case unknown
    case seconds(Int, approximate: Bool)
}

/// One source's progress at one instant: what the progress line and the journal line are made of.
struct HarvestProgressSnapshot: Equatable {
    var source: String
    /// The Jira level being walked; nil for GitHub.
    var level: Int?
    var pages: Int
    /// Items received so far, duplicates across queries included (they are fetched all the same).
    var items: Int
    /// Seconds since the source started.
    var elapsed: Double
    var expected: HarvestExpectation?

    /// Items per second since the source started.
    var rate: Double { Double(items) / max(elapsed, 0.001) }

    /// Remaining expected items at the current rate; unknown without an expectation or a rate.
    var eta: HarvestETA {
        guard let expected, items > 0 else { return .unknown }
        let remaining = max(expected.items - items, 0)
        return .seconds(Int((Double(remaining) / rate).rounded(.up)), approximate: expected.isApproximate)
    }
}
