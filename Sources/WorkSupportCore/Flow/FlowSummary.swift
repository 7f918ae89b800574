import FoundationEssentials

/// Flow over a set of issues (docs/flow.md): cycle and lead time percentiles over the trusted
/// issues done in the window, throughput per ISO week, WIP now, time in status, and the issues
/// whose history cannot be trusted, each with its reasons.
public struct FlowSummary: Sendable, Equatable {
    public struct Distribution: Sendable, Equatable {
        /// Trusted issues with a value.
        public var count: Int
        /// Percent → seconds, for `FlowPercentile.reported`; empty when `count` is 0.
        public var percentiles: [Int: Double]

        public init(values: [Double]) {
            let sorted = values.sorted()
            count = sorted.count
            var percentiles: [Int: Double] = [:]
            for percent in FlowPercentile.reported {
                percentiles[percent] = FlowPercentile.value(percent, ofSorted: sorted)
            }
            self.percentiles = percentiles
        }
    }

    public struct StatusTime: Sendable, Equatable {
        public var seconds: Double
        /// Trusted issues that spent time in the status.
        public var issues: Int
    }

    public struct Issue: Sendable {
        public var key: String
        public var createdAt: Date?
        public var flow: IssueFlow
        /// The status category the issue is in now (as harvested).
        public var currentCategory: StatusCategory?

        public init(key: String, createdAt: Date?, flow: IssueFlow, currentCategory: StatusCategory?) {
            self.key = key
            self.createdAt = createdAt
            self.flow = flow
            self.currentCategory = currentCategory
        }
    }

    /// Issues done in the window (trusted or not).
    public var done: Int
    public var cycle: Distribution
    public var lead: Distribution
    /// Done in the window, by the ISO week of `done_at`.
    public var throughput: [ISOWeek: Int]
    /// Issues in an `indeterminate` status now (the window does not apply).
    public var workInProgress: Int
    public var timeInStatus: [String: StatusTime]
    /// Issues whose history cannot be trusted (whatever their dates), key → problems.
    public var untrusted: [String: [FlowProblem]]

    /// - Parameter window: `[from, to)` on `done_at`; nil bounds are open.
    public init(issues: [Issue], from: Date? = nil, to: Date? = nil) {
        var cycles: [Double] = [], leads: [Double] = []
        var throughput: [ISOWeek: Int] = [:]
        var timeInStatus: [String: StatusTime] = [:]
        var untrusted: [String: [FlowProblem]] = [:]
        var done = 0, wip = 0
        for issue in issues {
            if issue.currentCategory == .indeterminate { wip += 1 }
            if !issue.flow.isTrusted { untrusted[issue.key] = issue.flow.problems }
            guard let doneAt = issue.flow.doneAt, from.map({ doneAt >= $0 }) ?? true, to.map({ doneAt < $0 }) ?? true
            else { continue }
            done += 1
            throughput[ISOWeek(doneAt), default: 0] += 1
            guard issue.flow.isTrusted else { continue }
            if let cycle = issue.flow.cycleSeconds { cycles.append(cycle) }
            if let lead = issue.flow.leadSeconds { leads.append(lead) }
            for (status, seconds) in issue.flow.secondsInStatus {
                timeInStatus[status, default: StatusTime(seconds: 0, issues: 0)].seconds += seconds
                timeInStatus[status]?.issues += 1
            }
        }
        self.done = done
        self.cycle = Distribution(values: cycles)
        self.lead = Distribution(values: leads)
        self.throughput = throughput
        self.workInProgress = wip
        self.timeInStatus = timeInStatus
        self.untrusted = untrusted
    }
}
