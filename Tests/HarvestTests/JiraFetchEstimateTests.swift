import Testing
@testable import Harvest

/// How the Jira walk sizes what it will fetch without a total from the search.
@Suite struct JiraFetchEstimateTests {
    @Test func nothingIsExpectedBeforeTheFirstLevel() {
        #expect(JiraFetchEstimate().expectation == nil)
    }

    @Test func aLevelWithNoSizedQueryHasNoEstimate() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [1])
        estimate.fetched(100, query: 0, isLast: false)
        #expect(estimate.expectation == nil)
    }

    @Test func aRootThatFitsOnOnePageIsExact() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [1])
        estimate.fetched(40, query: 0, isLast: true)
        #expect(estimate.expectation == HarvestExpectation(items: 40, isApproximate: false))
    }

    @Test func aCountedQueryIsScaledToTheRestOfTheLevelByParents() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [1])
        estimate.fetched(40, query: 0, isLast: true)
        estimate.startLevel(parentCounts: [500, 500, 250])
        estimate.fetched(100, query: 0, isLast: false)
        estimate.counted(2000, query: 0)
        // 40 walked + 2000 counted + 750 parents × 4 per parent.
        #expect(estimate.expectation == HarvestExpectation(items: 40 + 2000 + 3000, isApproximate: true))
    }

    @Test func finishedQueriesReplaceTheirEstimateWithWhatTheyReturned() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [500, 500])
        estimate.fetched(100, query: 0, isLast: false)
        estimate.counted(2000, query: 0)
        estimate.fetched(1500, query: 0, isLast: true)   // the count was high
        estimate.fetched(100, query: 1, isLast: false)
        // Query 1 is scaled from query 0's 1600 per 500 parents.
        #expect(estimate.expectation == HarvestExpectation(items: 1600 + 1600, isApproximate: true))
        estimate.fetched(700, query: 1, isLast: true)
        #expect(estimate.expectation == HarvestExpectation(items: 1600 + 800, isApproximate: false))
    }

    @Test func aQueryPastItsEstimateCountsWhatItFetched() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [10, 10])
        estimate.fetched(5, query: 0, isLast: true)
        estimate.fetched(300, query: 1, isLast: false)
        #expect(estimate.expectation == HarvestExpectation(items: 305, isApproximate: true))
    }

    @Test func aFailedQueryStopsAtWhatItFetched() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [1])
        estimate.fetched(100, query: 0, isLast: false)
        estimate.counted(900, query: 0)
        estimate.finished(query: 0)
        #expect(estimate.expectation == HarvestExpectation(items: 100, isApproximate: false))
    }

    @Test func levelsWalkedAddUp() {
        var estimate = JiraFetchEstimate()
        estimate.startLevel(parentCounts: [1])
        estimate.fetched(40, query: 0, isLast: true)
        estimate.startLevel(parentCounts: [40])
        estimate.fetched(90, query: 0, isLast: true)
        estimate.startLevel(parentCounts: [90])
        #expect(estimate.walked == 130)
        #expect(estimate.expectation == nil, "the new level is not sized yet")
    }
}
