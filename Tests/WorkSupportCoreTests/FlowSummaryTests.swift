import Foundation
import Testing
@testable import WorkSupportCore

struct FlowSummaryTests {
    @Test func nearestRankPercentilesOfTenValues() {
        let values = (1...10).map(Double.init)
        // ranks ⌈0.5·10⌉ = 5, ⌈0.85·10⌉ = 9 (8.5 up), ⌈0.95·10⌉ = 10.
        #expect(FlowPercentile.value(50, ofSorted: values) == 5)
        #expect(FlowPercentile.value(85, ofSorted: values) == 9)
        #expect(FlowPercentile.value(95, ofSorted: values) == 10)
    }

    @Test func nearestRankOfOneAndOfNoValue() {
        #expect(FlowPercentile.value(95, ofSorted: [42]) == 42)
        #expect(FlowPercentile.value(50, ofSorted: []) == nil)
        #expect(FlowPercentile.rank(50, count: 20) == 10)
        #expect(FlowPercentile.rank(85, count: 20) == 17)
        #expect(FlowPercentile.rank(95, count: 20) == 19)
    }

    @Test(arguments: [
        ("2026-03-02T00:00:00Z", "2026-W10"),   // a Monday
        ("2026-03-08T23:59:59Z", "2026-W10"),   // the Sunday after
        ("2021-01-03T12:00:00Z", "2020-W53"),   // early January in the previous year's last week
        ("2024-12-30T08:00:00Z", "2025-W01"),   // late December in the next year's first week
        ("2026-01-01T00:00:00Z", "2026-W01"),   // a Thursday
    ])
    func isoWeekOfAnInstant(text: String, week: String) {
        #expect(ISOWeek(UpstreamTimestamp.parse(text)!).description == week)
    }

    @Test func summaryLeavesUntrustedIssuesOutOfPercentilesButCountsAndNamesThem() {
        let move = IssueFlowTests.move
        let at = IssueFlowTests.at
        func issue(_ key: String, _ transitions: [StatusTransition], category: StatusCategory) -> FlowSummary.Issue {
            FlowSummary.Issue(key: key, createdAt: at(0), flow: IssueFlow(createdAt: at(0), transitions: transitions),
                              currentCategory: category)
        }
        let issues = [
            issue("A-1", [move(1, 1, "1", "3"), move(2, 3, "3", "5")], category: .done),          // cycle 2h, lead 3h
            issue("A-2", [move(1, 2, "1", "3"), move(2, 6, "3", "5")], category: .done),          // cycle 4h, lead 6h
            issue("A-3", [move(1, 10, "1", "3"), move(2, 4, "3", "5")], category: .done),         // done before started
            issue("A-4", [move(1, 1, "1", "3")], category: .indeterminate),                      // WIP
            issue("A-5", [move(1, 200, "1", "5")], category: .done),                              // done the week after
        ]
        let summary = FlowSummary(issues: issues, from: at(0), to: at(7 * 24))
        #expect(summary.done == 3)
        #expect(summary.cycle.count == 2)
        #expect(summary.cycle.percentiles == [50: 7200, 85: 14_400, 95: 14_400])
        #expect(summary.lead.percentiles[50] == Double(3 * 3600))
        #expect(summary.throughput == [ISOWeek(year: 2026, week: 10): 3])
        #expect(summary.workInProgress == 1)
        #expect(summary.untrusted == ["A-3": [.doneBeforeStarted]])
        #expect(summary.timeInStatus["In Progress"] == FlowSummary.StatusTime(seconds: 6 * 3600, issues: 2))
        #expect(summary.timeInStatus["To Do"] == FlowSummary.StatusTime(seconds: 3 * 3600, issues: 2))
    }
}
