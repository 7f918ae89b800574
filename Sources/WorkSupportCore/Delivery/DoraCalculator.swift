import FoundationEssentials

/// Computes the five metrics from silver rows alone, so they can be recomputed at any time.
///
/// `deployments` are those of the scope (production, or the one environment asked for), from the
/// window's start on (later ones are needed for recovery); `changes` those shipped by them;
/// `incidents` those linked to them plus the scope's unlinked ones. A deployment counts at
/// `Deployment.at` and belongs to the window when that lies in `[from, to)`.
public struct DoraCalculator: Sendable {
    public var from: Date
    public var to: Date
    /// Labels that mark a change as a fix (compared case-insensitively).
    public var fixLabels: Set<String>
    /// Team filter: only changes by these authors, and deployments shipping one of them.
    public var authors: Set<String>?

    public static let reworkRule = "unplanned = deployed from a hotfix branch (hotfix/*, hotfix-*), or every change "
        + "it shipped is a revert (title 'Revert …' or a revert-* branch), from a hotfix branch, or labelled "
        + "bug, hotfix or the incident label"

    public init(from: Date, to: Date, incidentLabel: String = "incident", authors: Set<String>? = nil) {
        self.from = from
        self.to = to
        fixLabels = ["bug", "hotfix", incidentLabel.lowercased()]
        self.authors = authors.map { Set($0.map { $0.lowercased() }) }
    }

    /// Changes grouped by the deployment that shipped them, as positions in `changes` (grouping
    /// copies of thousands of changes, each a handful of strings, cost more than the rest of a
    /// report), the team filter applied. One grouping serves the reports of several windows.
    public struct ShippedChanges: Sendable {
        public let changes: [Change]
        let byDeployment: [Int64: [Int]]
        let authors: Set<String>?
    }

    public func shipped(_ changes: [Change]) -> ShippedChanges {
        var byDeployment: [Int64: [Int]] = [:]
        for (index, change) in changes.enumerated() {
            guard let deploymentID = change.deploymentID else { continue }
            if let authors, !(change.author.map { authors.contains($0.lowercased()) } ?? false) { continue }
            byDeployment[deploymentID, default: []].append(index)
        }
        return ShippedChanges(changes: changes, byDeployment: byDeployment, authors: authors)
    }

    public func report(deployments: [Deployment], changes: [Change], incidents: [Incident]) -> DoraReport {
        report(deployments: deployments, shipped: shipped(changes), incidents: incidents)
    }

    /// `shipped` grouped by a calculator with the same team filter (it may hold the changes of
    /// deployments outside `deployments`: only theirs are looked up).
    public func report(deployments: [Deployment], shipped: ShippedChanges, incidents: [Incident]) -> DoraReport {
        precondition(shipped.authors == authors, "changes grouped under another team filter")
        let changes = shipped.changes, changesByDeployment = shipped.byDeployment
        let all = deployments.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        let inWindow = all.filter { deployment in
            deployment.state.isFinished && deployment.at >= from && deployment.at < to
                && (authors == nil || changesByDeployment[deployment.id] != nil)
        }
        let succeeded = inWindow.filter { $0.state == .success }
        let incidentsByDeployment = Dictionary(grouping: incidents.filter { $0.deploymentID != nil },
                                               by: { $0.deploymentID! })
        let weeks = to.timeIntervalSince(from) / 604_800

        let frequencyMethod = "successful deployments in the window ÷ weeks in the window (\(Self.format(weeks)))"
        let perWeek = DoraMeasure(value: Double(succeeded.count) / weeks, numerator: Double(succeeded.count),
                                  denominator: weeks, method: frequencyMethod)
        let days = Set(succeeded.map { Int(($0.at.timeIntervalSince1970 / 86_400).rounded(.down)) })
        let daysPerWeek = DoraMeasure(value: Double(days.count) / weeks, numerator: Double(days.count),
                                      denominator: weeks,
                                      method: "distinct UTC days with a successful deployment ÷ weeks in the window")

        let (lead, parts) = leadTimes(succeeded, changes, changesByDeployment)
        let failed = inWindow.filter { $0.state.isFailed || incidentsByDeployment[$0.id] != nil }
        let failRate = DoraMeasure.ratio(
            failed.count, inWindow.count,
            method: "deployments that failed or that an incident links to ÷ finished deployments; each deployment counts once",
            whenEmpty: "no finished deployment in the window")
        let recovery = recoveryTimes(failed, all: all, incidentsByDeployment)
        let rework = DoraMeasure.ratio(
            succeeded.filter { isUnplanned($0, shipped: changesByDeployment[$0.id] ?? [], of: changes) }.count, succeeded.count,
            method: "unplanned successful deployments ÷ successful deployments",
            whenEmpty: "no successful deployment in the window")

        var withoutChanges: [String: Int] = [:]
        for deployment in succeeded where deployment.changeRange != .known {
            withoutChanges[deployment.changeRange.name, default: 0] += 1
        }
        let unlinked = incidents.filter { $0.deploymentID == nil && $0.createdAt >= from && $0.createdAt < to }
            .map(\.id).sorted()
        return DoraReport(from: from, to: to, deploymentsPerWeek: perWeek, deploymentDaysPerWeek: daysPerWeek,
                          changeLeadTime: lead, leadTimeParts: parts, changeFailRate: failRate,
                          failedDeploymentRecoveryTime: recovery, deploymentReworkRate: rework,
                          reworkRule: Self.reworkRule, deploymentsWithoutKnownChanges: withoutChanges,
                          unlinkedIncidentIDs: unlinked)
    }

    /// Lead time and its parts over the changes the window's successful deployments shipped.
    /// A part is measured where both its ends are known (no review: no pickup nor review part).
    func leadTimes(_ succeeded: [Deployment], _ changes: [Change], _ changesByDeployment: [Int64: [Int]])
        -> (DoraDuration, [(name: String, duration: DoraDuration)]) {
        var lead: [Double] = [], coding: [Double] = [], pickup: [Double] = [], review: [Double] = [], deploy: [Double] = []
        var shipped = 0
        for deployment in succeeded {
            for index in changesByDeployment[deployment.id] ?? [] {
                let change = changes[index]
                shipped += 1
                let deployedAt = deployment.at
                if let first = change.firstCommitAt { lead.append(Self.seconds(first, deployedAt)) }
                if let first = change.firstCommitAt, let opened = change.openedAt {
                    coding.append(Self.seconds(first, opened))
                }
                if let opened = change.openedAt, let reviewed = change.firstReviewAt {
                    pickup.append(Self.seconds(opened, reviewed))
                    review.append(Self.seconds(reviewed, change.mergedAt))
                }
                deploy.append(Self.seconds(change.mergedAt, deployedAt))
            }
        }
        let none = "no change reached a successful deployment in the window"
        let total = DoraDuration(lead, eligible: shipped,
                                 method: "first commit → the successful production deployment that shipped it",
                                 whenEmpty: shipped == 0 ? none : "no shipped change has a first commit time")
        return (total, [
            ("coding", DoraDuration(coding, eligible: shipped, method: "first commit → pull request opened", whenEmpty: none)),
            ("pickup", DoraDuration(pickup, eligible: shipped, method: "opened → first review",
                                    whenEmpty: shipped == 0 ? none : "no shipped change was reviewed")),
            ("review", DoraDuration(review, eligible: shipped, method: "first review → merged",
                                    whenEmpty: shipped == 0 ? none : "no shipped change was reviewed")),
            ("deploy", DoraDuration(deploy, eligible: shipped, method: "merged → deployed", whenEmpty: none)),
        ])
    }

    /// A deployment whose status failed recovers at the next successful deployment of its repo and
    /// environment; one that succeeded but an incident links to recovers when its last linked
    /// incident is resolved. Not yet recovered: counted in `eligible`, not measured.
    func recoveryTimes(_ failed: [Deployment], all: [Deployment],
                       _ incidentsByDeployment: [Int64: [Incident]]) -> DoraDuration {
        // Each repo and environment's success times in order (`all` is sorted), searched per failure.
        var successes: [String: [Date]] = [:]
        for deployment in all where deployment.state == .success {
            successes[Self.recoveryKey(deployment), default: []].append(deployment.at)
        }
        var seconds: [Double] = []
        for deployment in failed {
            var restoredAt: Date?
            if deployment.state.isFailed {
                restoredAt = successes[Self.recoveryKey(deployment)].flatMap { Self.firstAfter(deployment.at, in: $0) }
            } else if let linked = incidentsByDeployment[deployment.id], linked.allSatisfy({ $0.resolvedAt != nil }) {
                restoredAt = linked.compactMap(\.resolvedAt).max()
            }
            if let restoredAt { seconds.append(Self.seconds(deployment.at, restoredAt)) }
        }
        let whenEmpty = failed.isEmpty
            ? "no failed deployment in the window"
            : "none of the \(failed.count) failed deployments has recovered yet"
        return DoraDuration(seconds, eligible: failed.count,
                            method: "failed deployment → next successful deployment of its repo and environment, "
                                + "or the resolution of the incidents linked to it",
                            whenEmpty: whenEmpty)
    }

    /// Where a failed deployment recovers: its repo and environment (any case).
    public static func recoveryKey(_ deployment: Deployment) -> String {
        deployment.repo + "\u{0}" + deployment.environment.lowercased()
    }

    /// The first of `sorted` later than `date`.
    static func firstAfter(_ date: Date, in sorted: [Date]) -> Date? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] > date { high = middle } else { low = middle + 1 }
        }
        return low < sorted.count ? sorted[low] : nil
    }

    /// `shipped`: the deployment's changes, as positions in `changes`.
    func isUnplanned(_ deployment: Deployment, shipped: [Int], of changes: [Change]) -> Bool {
        if let ref = deployment.ref, Self.isHotfixBranch(ref) { return true }
        guard !shipped.isEmpty else { return false }
        return shipped.allSatisfy { index in
            (changes[index].title?.hasPrefix("Revert ") ?? false)
                || changes[index].headRef.map { Self.isHotfixBranch($0) || Self.branchName($0).hasPrefix("revert-") } ?? false
                || changes[index].labels.contains { fixLabels.contains($0.lowercased()) }
        }
    }

    static func branchName(_ ref: String) -> String {
        ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
    }

    static func isHotfixBranch(_ ref: String) -> Bool {
        let name = branchName(ref).lowercased()
        return name.hasPrefix("hotfix/") || name.hasPrefix("hotfix-")
    }

    /// Never negative: clocks of commits are the committer's and may run ahead. Whole
    /// milliseconds, the finest any upstream reports, so that date arithmetic leaves no residue.
    static func seconds(_ start: Date, _ end: Date) -> Double {
        max(0, (end.timeIntervalSince(start) * 1000).rounded() / 1000)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
