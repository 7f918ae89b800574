import JSON

extension SimDeliveryScenario {
    public static let windowDays: Int64 = 30

    /// The metrics over `[now − 30 days, now)` for production, worked out from the construction
    /// (which deployment ships which pull request, which incident belongs to which deployment),
    /// independently of the service's code: `{"from","to","deployments_per_week",
    /// "deployment_days_per_week","change_fail_rate","lead_time_median_seconds",
    /// "lead_time_p85_seconds","recovery_median_seconds","rework_rate","unknown_ranges","unlinked_incidents"}`.
    public var expected: JSONValue {
        let from = now - Self.windowDays * 86_400_000
        let weeks = Double(Self.windowDays) / 7
        func result(_ d: Deployment) -> String { d.statuses.last { $0.1 != "inactive" }?.1 ?? "pending" }
        func at(_ d: Deployment) -> Int64 { d.statuses.first { $0.1 == "success" }?.2 ?? d.createdAt }
        let production = deployments.filter { $0.environment == "production" }.sorted { at($0) < at($1) }
        let inWindow = production.filter { at($0) >= from && at($0) < now && result($0) != "pending" }
        let succeeded = inWindow.filter { result($0) == "success" }
        let days = Set(succeeded.map { at($0) / 86_400_000 })
        let byID = Dictionary(uniqueKeysWithValues: production.map { ($0.id, $0) })
        let failed = inWindow.filter { d in result(d) == "failure" || incidents.contains { $0.linkedTo == d.id } }
        var recovery: [Double] = []
        for d in failed {
            if result(d) == "failure" {
                if let next = production.first(where: { result($0) == "success" && at($0) > at(d) }) {
                    recovery.append(Double(at(next) - at(d)) / 1000)
                }
            } else {
                let linked = incidents.filter { $0.linkedTo == d.id }
                if linked.allSatisfy({ $0.closedAt != nil }), let end = linked.compactMap(\.closedAt).max() {
                    recovery.append(Double(end - at(d)) / 1000)
                }
            }
        }
        let shippedInWindow = pulls.filter { pull in pull.shippedBy.map { id in succeeded.contains { $0.id == id } } ?? false }
        let lead = shippedInWindow.map { pull in
            Double(at(byID[pull.shippedBy!]!) - (pull.commits.map(\.1).min() ?? pull.openedAt)) / 1000
        }
        func isFix(_ pull: PullRequest) -> Bool {
            pull.title.hasPrefix("Revert ") || pull.headRef.hasPrefix("hotfix/") || pull.headRef.hasPrefix("revert-")
        }
        let unplanned = succeeded.filter { d in
            let shipped = pulls.filter { $0.shippedBy == d.id }
            return d.ref.hasPrefix("hotfix/") || (!shipped.isEmpty && shipped.allSatisfy(isFix))
        }
        var unknownRanges = 0
        var previous: Deployment?
        for d in production where result(d) == "success" {
            if let base = previous, compare(base: base.sha, head: d.sha) == nil, at(d) >= from { unknownRanges += 1 }
            previous = d
        }
        let unlinked = incidents.filter { $0.linkedTo == nil && $0.createdAt >= from && $0.createdAt < now }
        return [
            "from": .string(SimTime.github(from)), "to": .string(SimTime.github(now)),
            "deployments_per_week": .double(Double(succeeded.count) / weeks),
            "deployment_days_per_week": .double(Double(days.count) / weeks),
            "change_fail_rate": .double(Double(failed.count) / Double(inWindow.count)),
            "lead_time_median_seconds": .double(Self.quantile(lead, 0.5)),
            "lead_time_p85_seconds": .double(Self.quantile(lead, 0.85)),
            "recovery_median_seconds": .double(Self.quantile(recovery, 0.5)),
            "rework_rate": .double(Double(unplanned.count) / Double(succeeded.count)),
            "unknown_ranges": .int(Int64(unknownRanges)),
            "unlinked_incidents": .array(unlinked.map { .string("\(Self.repo)#\($0.number)") }),
        ]
    }

    /// Linear interpolation between closest ranks, as the metrics define it.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank)
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }
}
