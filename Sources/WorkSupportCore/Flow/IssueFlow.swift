import FoundationEssentials

/// The flow figures of one issue, from its creation time and its status history: the reference
/// definitions of docs/flow.md. The store's flow tables are computed with it
/// (`FlowFigures.refresh`); the gold views of migration 0020 compute the same in SQL from scratch,
/// and the tests hold the two equal.
public struct IssueFlow: Sendable, Equatable {
    /// Whether the issue's history was fetched completely.
    public enum History: Sendable, Equatable {
        case complete
        case incomplete(reason: String)
        case missing
    }

    /// First entry into an `indeterminate` status, in history order.
    public var firstInProgressAt: Date?
    /// Start of the final stretch in `done` statuses (Done → Closed does not move it); nil unless
    /// the issue is done now.
    public var doneAt: Date?
    /// `doneAt − firstInProgressAt`; nil when either is missing (done without ever starting).
    public var cycleSeconds: Double?
    /// `doneAt − createdAt`.
    public var leadSeconds: Double?
    /// Transitions out of a `done` status into any other.
    public var reopenCount: Int
    /// Completed intervals per status name: from creation to the first transition (in the first
    /// transition's `from` status), then between transitions. The current status is still open
    /// and not counted. Every interval counts, so a status visited twice sums both visits.
    public var secondsInStatus: [String: Double]
    /// The category the history ends in; nil without transitions.
    public var currentCategory: StatusCategory?
    /// Sorted, without duplicates; empty when the figures can be trusted.
    public var problems: [FlowProblem]

    public init(createdAt: Date?, transitions: [StatusTransition], history: History = .complete) {
        let ordered = transitions.sorted(by: StatusTransition.historyOrder)
        var problems = Set<FlowProblem>()
        switch history {
        case .complete: break
        case .incomplete(let reason): problems.insert(.historyIncomplete(reason: reason))
        case .missing: problems.insert(.historyMissing)
        }

        firstInProgressAt = ordered.first { $0.toCategory == .indeterminate }?.changedAt
        currentCategory = ordered.last?.toCategory
        let doneStretch = ordered.reversed().prefix { $0.toCategory == .done }
        doneAt = doneStretch.last?.changedAt
        reopenCount = ordered.filter { $0.fromCategory == .done && $0.toCategory != .done }.count

        cycleSeconds = nil
        leadSeconds = nil
        if let doneAt, let firstInProgressAt {
            if doneAt < firstInProgressAt { problems.insert(.doneBeforeStarted) }
            cycleSeconds = Self.seconds(from: firstInProgressAt, to: doneAt)
        }
        if let doneAt, let createdAt {
            if doneAt < createdAt { problems.insert(.doneBeforeCreated) }
            leadSeconds = Self.seconds(from: createdAt, to: doneAt)
        }

        var inStatus: [String: Double] = [:]
        var previous: StatusTransition?
        for transition in ordered {
            for (id, category) in [(transition.fromID, transition.fromCategory), (transition.toID, transition.toCategory)]
            where category == .unknown {
                problems.insert(.unknownStatus(id: id ?? ""))
            }
            let enteredAt: Date?
            let status: String?
            if let previous {
                if !Self.sameStatus(previous.toID, previous.toName, transition.fromID, transition.fromName) {
                    problems.insert(.unknownFromStatus(changelogID: transition.changelogID))
                }
                enteredAt = previous.changedAt
                status = previous.toName ?? previous.toID
            } else {
                enteredAt = createdAt
                status = transition.fromName ?? transition.fromID
            }
            if let enteredAt, let status {
                inStatus[status, default: 0] += Self.seconds(from: enteredAt, to: transition.changedAt)
            }
            previous = transition
        }
        secondsInStatus = inStatus
        self.problems = problems.sorted()
    }

    /// Whether the issue counts in percentiles and time in status.
    public var isTrusted: Bool { problems.isEmpty }

    /// Seconds between two instants, to the millisecond (Jira's resolution).
    static func seconds(from start: Date, to end: Date) -> Double {
        ((end.timeIntervalSince1970 - start.timeIntervalSince1970) * 1000).rounded() / 1000
    }

    /// Ids decide when both sides have one; names otherwise.
    static func sameStatus(_ leftID: String?, _ leftName: String?, _ rightID: String?, _ rightName: String?) -> Bool {
        if let leftID, let rightID { return leftID == rightID }
        return leftName == rightName
    }
}
