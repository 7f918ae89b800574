import Foundation
import Testing
@testable import WorkSupportCore

/// Hand-computed examples of docs/flow.md. Times are hours after 2026-03-02T00:00:00Z (a Monday).
struct IssueFlowTests {
    static let monday = Date(timeIntervalSince1970: 1_772_409_600)

    static func at(_ hours: Double) -> Date { monday.addingTimeInterval(hours * 3600) }

    static let statuses: [String: (String, StatusCategory)] = [
        "1": ("To Do", .new), "3": ("In Progress", .indeterminate), "4": ("In Review", .indeterminate),
        "5": ("Done", .done), "6": ("Closed", .done),
    ]

    /// `id`: changelog id; `from`/`to`: status ids (unknown ids get category `unknown`).
    static func move(_ id: Int, _ hours: Double, _ from: String, _ to: String) -> StatusTransition {
        let source = statuses[from] ?? ("Legacy \(from)", .unknown)
        let target = statuses[to] ?? ("Legacy \(to)", .unknown)
        return StatusTransition(changelogID: String(id), changedAt: at(hours), fromID: from, fromName: source.0,
                                toID: to, toName: target.0, fromCategory: source.1, toCategory: target.1)
    }

    @Test func straightPathGivesCycleLeadAndTimeInEachStatus() {
        // created 0h; To Do → In Progress at 10h; → In Review at 34h; → Done at 40h.
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [
            Self.move(101, 10, "1", "3"), Self.move(102, 34, "3", "4"), Self.move(103, 40, "4", "5"),
        ])
        #expect(flow.firstInProgressAt == Self.at(10))
        #expect(flow.doneAt == Self.at(40))
        #expect(flow.cycleSeconds == Double(30 * 3600))
        #expect(flow.leadSeconds == Double(40 * 3600))
        #expect(flow.reopenCount == 0)
        #expect(flow.secondsInStatus == ["To Do": 36_000, "In Progress": 86_400, "In Review": 21_600])
        #expect(flow.problems.isEmpty)
    }

    @Test func reopenLoopCountsEveryIntervalAndTheLastEntryIntoDone() {
        // In Progress 2h→5h, Done 5h→8h, reopened: In Progress 8h→9h, Done again at 9h, then Closed at 12h.
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [
            Self.move(1, 2, "1", "3"), Self.move(2, 5, "3", "5"), Self.move(3, 8, "5", "3"),
            Self.move(4, 9, "3", "5"), Self.move(5, 12, "5", "6"),
        ])
        #expect(flow.firstInProgressAt == Self.at(2))
        #expect(flow.doneAt == Self.at(9), "Done → Closed stays in the done stretch that began at 9h")
        #expect(flow.cycleSeconds == Double(7 * 3600))
        #expect(flow.leadSeconds == Double(9 * 3600))
        #expect(flow.reopenCount == 1)
        #expect(flow.secondsInStatus == ["To Do": 7200, "In Progress": 4 * 3600, "Done": 6 * 3600])
    }

    @Test func reopenedAndNotDoneAgainHasNoDoneTime() {
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [
            Self.move(1, 1, "1", "3"), Self.move(2, 2, "3", "5"), Self.move(3, 3, "5", "4"),
        ])
        #expect(flow.doneAt == nil)
        #expect(flow.cycleSeconds == nil)
        #expect(flow.leadSeconds == nil)
        #expect(flow.reopenCount == 1)
        #expect(flow.currentCategory == .indeterminate)
    }

    @Test func doneWithoutEverStartingHasLeadButNoCycle() {
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [Self.move(7, 5, "1", "5")])
        #expect(flow.firstInProgressAt == nil)
        #expect(flow.cycleSeconds == nil)
        #expect(flow.leadSeconds == Double(5 * 3600))
        #expect(flow.problems.isEmpty, "skipping statuses is allowed")
    }

    @Test func historyOrderIsTheChangelogIdNotTheArrayOrder() {
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [
            Self.move(10, 6, "3", "5"), Self.move(9, 1, "1", "3"),
        ])
        #expect(flow.cycleSeconds == Double(5 * 3600))
        #expect(flow.problems.isEmpty, "ids 9 < 10 numerically although \"10\" < \"9\" as text")
    }

    @Test func doneDatedBeforeTheStartIsContradictory() {
        // Jira wrote the Done entry (id 2) after In Progress (id 1), but dated it earlier.
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [Self.move(1, 10, "1", "3"), Self.move(2, 4, "3", "5")])
        #expect(flow.problems == [.doneBeforeStarted])
        #expect(flow.cycleSeconds == Double(-6 * 3600))
        #expect(!flow.isTrusted)
    }

    @Test func doneBeforeCreatedIsContradictory() {
        let flow = IssueFlow(createdAt: Self.at(10), transitions: [Self.move(1, 4, "1", "5")])
        #expect(flow.problems == [.doneBeforeCreated])
    }

    @Test func transitionFromAStatusTheIssueWasNotInIsContradictory() {
        // After To Do → In Progress, the next entry claims to leave In Review.
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [Self.move(1, 1, "1", "3"), Self.move(2, 2, "4", "5")])
        #expect(flow.problems == [.unknownFromStatus(changelogID: "2")])
        #expect(flow.problems.first?.code == "unknown_from_status")
    }

    @Test func unknownStatusIdIsCategoryUnknownAndReported() {
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [Self.move(1, 1, "1", "99"), Self.move(2, 2, "99", "5")])
        #expect(flow.problems == [.unknownStatus(id: "99")])
        #expect(flow.firstInProgressAt == nil, "an unknown status is not in progress")
        #expect(flow.secondsInStatus["Legacy 99"] == 3600)
    }

    @Test func incompleteOrMissingHistoryIsReported() {
        let incomplete = IssueFlow(createdAt: Self.at(0), transitions: [], history: .incomplete(reason: "HTTP 500"))
        #expect(incomplete.problems == [.historyIncomplete(reason: "HTTP 500")])
        #expect(incomplete.problems[0].isIncomplete)
        #expect(IssueFlow(createdAt: nil, transitions: [], history: .missing).problems == [.historyMissing])
    }

    @Test func noHistoryMeansNothingHappenedYet() {
        let flow = IssueFlow(createdAt: Self.at(0), transitions: [])
        #expect(flow.currentCategory == nil)
        #expect(flow.secondsInStatus.isEmpty)
        #expect(flow.isTrusted)
    }
}
