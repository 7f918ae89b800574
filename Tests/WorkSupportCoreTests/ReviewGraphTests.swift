import Testing
import WorkSupportCore

/// PageRank and betweenness on small graphs whose values are computed by hand.
@Suite struct ReviewGraphTests {
    typealias Edge = ReviewGraph.Edge

    /// a, c, d each review b, who reviews nobody (dangling, N = 4, d = 0.85). By symmetry
    /// a = c = d = x and b = y with 3x + y = 1; b's rank is spread evenly, so
    /// y = 0.15/4 + 0.85 (y/4 + 3x) gives y = 0.8875 / 1.6375 and x = (1 - y) / 3.
    @Test func pageRankOfAStarMatchesTheHandComputedValues() {
        let graph = ReviewGraph(edges: [Edge(reviewer: "a", author: "b", reviews: 1), Edge(reviewer: "c", author: "b", reviews: 1),
                                        Edge(reviewer: "d", author: "b", reviews: 1)])
        let result = graph.pageRank()
        let y = 0.8875 / 1.6375
        #expect(abs(result.ranks["b"]! - y) < 1e-9)
        for leaf in ["a", "c", "d"] { #expect(abs(result.ranks[leaf]! - (1 - y) / 3) < 1e-9) }
        #expect(result.change < 1e-10)
    }

    /// a reviews b three times and c once (b, c dangling, N = 3): a = 0.05 + 0.85 (1 - a)/3 gives
    /// a = (1/3) / (1 + 0.85/3); b = 0.05 + 0.85 (0.75 a + (1 - a)/3); c = 0.05 + 0.85 (0.25 a + (1 - a)/3).
    @Test func pageRankFollowsReviewCountsAsWeights() {
        let graph = ReviewGraph(edges: [Edge(reviewer: "a", author: "b", reviews: 3), Edge(reviewer: "a", author: "c", reviews: 1)])
        let ranks = graph.pageRank().ranks
        let a = (1.0 / 3) / (1 + 0.85 / 3)
        #expect(abs(ranks["a"]! - a) < 1e-9)
        #expect(abs(ranks["b"]! - (0.05 + 0.85 * (0.75 * a + (1 - a) / 3))) < 1e-9)
        #expect(abs(ranks["c"]! - (0.05 + 0.85 * (0.25 * a + (1 - a) / 3))) < 1e-9)
        #expect(abs(ranks.values.reduce(0, +) - 1) < 1e-9)
    }

    /// a -> b, a -> c, b -> d, c -> d, d -> e. a reaches d by two shortest paths (via b, via c),
    /// so b and c get 1/2 for (a, d) and 1/2 for (a, e); d is on a->e, b->e, c->e.
    /// Expected: b = 1, c = 1, d = 3, a = e = 0.
    @Test func betweennessSplitsCreditOverEqualShortestPaths() {
        let graph = ReviewGraph(edges: [
            Edge(reviewer: "a", author: "b", reviews: 1), Edge(reviewer: "a", author: "c", reviews: 5),
            Edge(reviewer: "b", author: "d", reviews: 1), Edge(reviewer: "c", author: "d", reviews: 1),
            Edge(reviewer: "d", author: "e", reviews: 2),
        ])
        let between = graph.betweenness()
        #expect(between == ["a": 0, "b": 1, "c": 1, "d": 3, "e": 0])
    }

    @Test func selfReviewsAreDroppedAndMembersWithoutEdgesGetZeros() {
        let report = ReviewCentralityReport(edges: [Edge(reviewer: "a", author: "a", reviews: 4),
                                                    Edge(reviewer: "a", author: "b", reviews: 2)],
                                            members: [("a", "Ann"), ("b", "Bob"), ("z", "Zed")])
        #expect(report.reviews == 2)
        let zed = report.people.first { $0.id == "z" }
        #expect(zed?.reviewsGiven == 0 && zed?.reviewsReceived == 0 && zed?.isMember == true)
        let ann = report.people.first { $0.id == "a" }
        #expect(ann?.reviewsGiven == 2 && ann?.reviewsReceived == 0 && ann?.distinctAuthorsReviewed == 1)
    }

    @Test func windowStartAcceptsDaysDatesAndTimesAndRefusesTheRest() {
        let now = UpstreamTimestamp.parse("2026-12-07T00:00:00Z")!
        #expect(TeamWindowStart.parse(nil, now: now) == UpstreamTimestamp.parse("2026-11-07T00:00:00Z"))
        #expect(TeamWindowStart.parse("7d", now: now) == UpstreamTimestamp.parse("2026-11-30T00:00:00Z"))
        #expect(TeamWindowStart.parse("2026-12-01", now: now) == UpstreamTimestamp.parse("2026-12-01T00:00:00Z"))
        for bad in ["0d", "yesterday", "2026-13-01", "2027-01-01", "99999d", "-3d", ""] {
            #expect(TeamWindowStart.parse(bad, now: now) == nil, "\(bad)")
        }
    }
}
