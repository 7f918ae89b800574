/// The plan written back in the spec syntax `FaultPlan.parse` reads (settings that differ from
/// the defaults, in a fixed order), so `GET /_sim/faults` shows what is in force.
extension FaultPlan {
    public var spec: String {
        let defaults = FaultPlan()
        var items: [String] = []
        if seed != defaults.seed { items.append("seed=\(seed)") }
        let rates: [(String, Double)] = [("error", errorRate), ("429", tooManyRequestsRate), ("ratelimit", rateLimitRate),
                                         ("secondary", secondaryRate), ("slow", slowRate), ("drop", dropRate),
                                         ("truncate", truncateRate), ("cut", cutRate)]
        for (name, rate) in rates where rate > 0 { items.append("\(name)=\(rate)") }
        if slowMilliseconds != defaults.slowMilliseconds { items.append("slow-ms=\(slowMilliseconds)") }
        if retryAfterSeconds != defaults.retryAfterSeconds { items.append("retry-after=\(retryAfterSeconds)") }
        if scope != .all { items.append("scope=\(scope.rawValue)") }
        if let searchLimit { items.append("search-limit=\(searchLimit)") }
        if !approximateCountAvailable { items.append("approximate-count=off") }
        if !bulkChangelogAvailable { items.append("bulk-changelog=off") }
        if !failingChangelogs.isEmpty { items.append("changelog-fail=\(failingChangelogs.sorted().joined(separator: "|"))") }
        for number in scheduled.keys.sorted() { items.append("at.\(number)=\(scheduled[number]!.rawValue)") }
        items += itemFaultSpec
        return items.joined(separator: ",")
    }
}
