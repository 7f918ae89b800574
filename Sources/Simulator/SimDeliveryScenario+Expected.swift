import JSON

extension SimDeliveryScenario {
    public static let windowDays: Int64 = 30

    /// The production metrics of every repository together over the last 30 days (`expected(repo:)`).
    public var expected: JSONValue { expected(repo: nil) }

    /// The metrics over `[now − 30 days, now)` for production, of one repository or of all,
    /// worked out from the construction (which deployment ships which pull request, which
    /// incident belongs to which deployment), independently of the service's code:
    /// `{"from","to","deployments_per_week","deployment_days_per_week","change_fail_rate",
    /// "lead_time_median_seconds","lead_time_p85_seconds","recovery_median_seconds","rework_rate",
    /// "unknown_ranges","unlinked_incidents"}`; a metric that has nothing to measure is null.
    public func expected(repo: String?) -> JSONValue {
        let from = now - Self.windowDays * 86_400_000
        let weeks = Double(Self.windowDays) / 7
        func result(_ d: Deployment) -> String { d.statuses.last { $0.1 != "inactive" }?.1 ?? "pending" }
        func at(_ d: Deployment) -> Int64 { d.statuses.first { $0.1 == "success" }?.2 ?? d.createdAt }
        let production = deployments.filter { $0.environment == "production" && (repo == nil || $0.repo == repo) }
            .sorted { (at($0), $0.id) < (at($1), $1.id) }
        let inWindow = production.filter { at($0) >= from && at($0) < now && result($0) != "pending" }
        let succeeded = inWindow.filter { result($0) == "success" }
        let days = Set(succeeded.map { at($0) / 86_400_000 })
        let byID = Dictionary(uniqueKeysWithValues: production.map { ($0.id, $0) })
        let failed = inWindow.filter { d in result(d) == "failure" || incidents.contains { $0.linkedTo == d.id } }
        var recovery: [Double] = []
        for d in failed {
            if result(d) == "failure" {
                if let next = production.first(where: { $0.repo == d.repo && result($0) == "success" && at($0) > at(d) }) {
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
        var previous: [String: Deployment] = [:]
        for d in production where result(d) == "success" {
            if let base = previous[d.repo], compare(repo: d.repo, base: base.sha, head: d.sha) == nil, at(d) >= from, at(d) < now {
                unknownRanges += 1
            }
            previous[d.repo] = d
        }
        let unlinked = incidents.filter { ($0.repo == repo || repo == nil) && $0.linkedTo == nil && $0.createdAt >= from && $0.createdAt < now }
        func ratio(_ numerator: Int, _ denominator: Int) -> JSONValue {
            denominator == 0 ? .null : .double(Double(numerator) / Double(denominator))
        }
        return [
            "from": .string(SimTime.github(from)), "to": .string(SimTime.github(now)),
            "deployments_per_week": .double(Double(succeeded.count) / weeks),
            "deployment_days_per_week": .double(Double(days.count) / weeks),
            "change_fail_rate": ratio(failed.count, inWindow.count),
            "lead_time_median_seconds": Self.quantile(lead, 0.5).map(JSONValue.double) ?? .null,
            "lead_time_p85_seconds": Self.quantile(lead, 0.85).map(JSONValue.double) ?? .null,
            "recovery_median_seconds": Self.quantile(recovery, 0.5).map(JSONValue.double) ?? .null,
            "rework_rate": ratio(unplanned.count, succeeded.count),
            "unknown_ranges": .int(Int64(unknownRanges)),
            "unlinked_incidents": .array(unlinked.map { .string("\($0.repo)#\($0.number)") }.sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") }),
        ]
    }

    /// The manifest's `delivery` member: the window, every repository's metrics and all of them together.
    public var manifest: JSONValue {
        ["repos": .array(repos.map { .string($0) }), "window_days": .int(Self.windowDays),
         "all": expected(repo: nil),
         "by_repo": .object(JSONObject(repos.map { ($0, expected(repo: $0)) }))]
    }

    /// Linear interpolation between closest ranks, as the metrics define it; nil for no values.
    static func quantile(_ values: [Double], _ p: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank)
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }
}
