import Foundation
import Testing
@testable import WorkSupportCore

struct DeploymentStatusHistoryTests {
    let h = DeliveryFixtures.hour

    @Test func failureThenSuccessIsASuccessFinishedAtItsFirstSuccess() {
        let history = DeploymentStatusHistory([
            DeploymentStatusEvent(state: .success, createdAt: h(3)),
            DeploymentStatusEvent(state: .failure, createdAt: h(1)),
            DeploymentStatusEvent(state: .success, createdAt: h(2)),
        ])
        #expect(history.state == .success)
        #expect(history.finishedAt == h(2))
    }

    @Test func inactiveLaterKeepsTheSuccess() {
        let history = DeploymentStatusHistory([
            DeploymentStatusEvent(state: .inProgress, createdAt: h(1)),
            DeploymentStatusEvent(state: .success, createdAt: h(2)),
            DeploymentStatusEvent(state: .inactive, createdAt: h(30)),
        ])
        #expect(history.state == .success)
        #expect(history.finishedAt == h(2))
    }

    @Test func successThenFailureIsAFailureThatStillHasItsFinishTime() {
        let history = DeploymentStatusHistory([
            DeploymentStatusEvent(state: .success, createdAt: h(1)),
            DeploymentStatusEvent(state: .failure, createdAt: h(2)),
        ])
        #expect(history.state == .failure)
        #expect(history.finishedAt == h(1))
    }

    @Test func statusesInTheSameSecondAreOrderedBySequence() {
        let history = DeploymentStatusHistory([
            DeploymentStatusEvent(state: .error, createdAt: h(1), sequence: 9),
            DeploymentStatusEvent(state: .success, createdAt: h(1), sequence: 8),
        ])
        #expect(history.state == .error)
    }

    @Test func noStatusIsPending() {
        #expect(DeploymentStatusHistory([]).state == .pending)
        #expect(DeploymentStatusHistory([]).finishedAt == nil)
    }
}

struct QuantileTests {
    @Test func medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        #expect(Quantile.median([4, 1, 3, 2]) == 2.5)
        #expect(Quantile.median([5, 1, 3]) == 3)
        #expect(Quantile.median([]) == nil)
    }

    @Test func p85InterpolatesBetweenClosestRanks() {
        // rank 0.85 × 3 = 2.55: 3 + 0.55 × (4 − 3)
        #expect(abs(Quantile.of([1, 2, 3, 4], 0.85)! - 3.55) < 1e-9)
        #expect(Quantile.of([7], 0.85) == 7)
    }
}
