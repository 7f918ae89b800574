/// Which requests misbehave, and how: chosen by request number from a seed, so a run with the
/// same plan and the same request sequence sees the same faults. Syntax: docs/simulator.md.
///
/// `seed=7,error=0.2,429=0.05,ratelimit=0.02,secondary=0.02,slow=0.05,slow-ms=1500,drop=0.02,
///  truncate=0.02,retry-after=2,scope=github,at.3=503,search-limit=30,approximate-count=off,
///  bulk-changelog=off,changelog-fail=WSA-5|WSA-9,item.WSA-12=unparsable`
public struct FaultPlan: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case error500 = "500", error502 = "502", error503 = "503"
        case tooManyRequests = "429"
        /// GitHub primary rate limit: 403 with `X-RateLimit-Remaining: 0` (Jira: 429).
        case rateLimit = "ratelimit"
        /// GitHub secondary rate limit: 403 with `Retry-After` (Jira: 429).
        case secondaryRateLimit = "secondary"
        case slow, drop, truncate
        /// A complete answer (its `Content-Length` matches) whose JSON stops halfway, as a proxy
        /// that cut it would send: no transport error, so no retry.
        case cut
    }

    public enum Scope: String, Sendable {
        case all, jira, github
    }

    public var seed: UInt64 = 0
    /// Probability of a 5xx; the status is then 500, 502 or 503, chosen from the seed too.
    public var errorRate = 0.0
    public var tooManyRequestsRate = 0.0
    public var rateLimitRate = 0.0
    public var secondaryRate = 0.0
    public var slowRate = 0.0
    public var dropRate = 0.0
    public var truncateRate = 0.0
    public var cutRate = 0.0
    public var slowMilliseconds = 1000
    public var retryAfterSeconds = 1
    public var scope = Scope.all
    /// Faults for given request numbers (1-based), before any rate applies.
    public var scheduled: [Int: Kind] = [:]
    /// GitHub search requests allowed per 60 s window; nil means not enforced.
    public var searchLimit: Int?
    /// False: `/rest/api/3/search/approximate-count` answers 404, as on servers without it.
    public var approximateCountAvailable = true
    /// False: `POST /rest/api/3/changelog/bulkfetch` answers 404, as on older Jira.
    public var bulkChangelogAvailable = true
    /// Issues (keys) whose changelog fails every time: the per-issue changelog answers 500, and so
    /// does any bulkfetch that asks for one of them. Spec: `changelog-fail=WSA-5|WSA-9`.
    public var failingChangelogs: Set<String> = []
    /// Jira issues rendered wrong in every search that returns them (`FaultPlan+Items.swift`).
    public var itemFaults: [String: ItemFault] = [:]

    public static let none = FaultPlan()

    public init() {}

    public var isNone: Bool { self == .none }

    public static func parse(_ spec: String) throws(FaultPlanError) -> FaultPlan {
        var plan = FaultPlan()
        let items = spec.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" })
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw FaultPlanError("'\(item)' is not name=value") }
            let (name, value) = (parts[0].lowercased(), parts[1])
            func rate() throws(FaultPlanError) -> Double {
                guard let rate = Double(value), (0...1).contains(rate) else {
                    throw FaultPlanError("\(name)=\(value): a rate must be a number from 0 to 1")
                }
                return rate
            }
            func count() throws(FaultPlanError) -> Int {
                guard let number = Int(value), number >= 0 else {
                    throw FaultPlanError("\(name)=\(value): expected a whole number ≥ 0")
                }
                return number
            }
            switch name {
            case "seed": plan.seed = UInt64(try count())
            case "error", "5xx": plan.errorRate = try rate()
            case "429": plan.tooManyRequestsRate = try rate()
            case "ratelimit": plan.rateLimitRate = try rate()
            case "secondary": plan.secondaryRate = try rate()
            case "slow": plan.slowRate = try rate()
            case "drop": plan.dropRate = try rate()
            case "truncate": plan.truncateRate = try rate()
            case "cut": plan.cutRate = try rate()
            case "slow-ms": plan.slowMilliseconds = try count()
            case "retry-after": plan.retryAfterSeconds = try count()
            case "search-limit": plan.searchLimit = try count()
            case "approximate-count":
                switch value.lowercased() {
                case "on": plan.approximateCountAvailable = true
                case "off": plan.approximateCountAvailable = false
                default: throw FaultPlanError("approximate-count=\(value): expected on or off")
                }
            case "bulk-changelog":
                switch value.lowercased() {
                case "on": plan.bulkChangelogAvailable = true
                case "off": plan.bulkChangelogAvailable = false
                default: throw FaultPlanError("bulk-changelog=\(value): expected on or off")
                }
            case "changelog-fail":
                let keys = value.split(separator: "|").map { $0.uppercased() }
                guard !keys.isEmpty, keys.allSatisfy({ JiraKey($0) != nil }) else {
                    throw FaultPlanError("changelog-fail=\(value): expected Jira keys separated by |")
                }
                plan.failingChangelogs.formUnion(keys)
            case "scope":
                guard let scope = Scope(rawValue: value.lowercased()) else {
                    throw FaultPlanError("scope=\(value): expected all, jira or github")
                }
                plan.scope = scope
            default:
                if try plan.parseItemFault(name: name, value: value) { continue }
                guard name.hasPrefix("at."), let number = Int(name.dropFirst(3)), number >= 1 else {
                    throw FaultPlanError("unknown fault setting '\(name)' (see docs/simulator.md)")
                }
                guard let kind = Kind(rawValue: value.lowercased()) else {
                    let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw FaultPlanError("\(name)=\(value): expected one of \(kinds)")
                }
                plan.scheduled[number] = kind
            }
        }
        let total = plan.errorRate + plan.tooManyRequestsRate + plan.rateLimitRate + plan.secondaryRate
            + plan.slowRate + plan.dropRate + plan.truncateRate + plan.cutRate
        guard total <= 1.000_001 else { throw FaultPlanError("the fault rates add up to \(total), more than 1") }
        return plan
    }

    /// The fault for API request number `n` (1-based), or nil for a normal answer.
    public func fault(forRequest n: Int) -> Kind? {
        if let kind = scheduled[n] { return kind }
        let hash = SimRandom.mix(seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(n))
        let roll = Double(hash >> 11) / Double(1 << 53)
        var threshold = 0.0
        let buckets: [(Double, Kind?)] = [
            (errorRate, nil), (tooManyRequestsRate, .tooManyRequests), (rateLimitRate, .rateLimit),
            (secondaryRate, .secondaryRateLimit), (slowRate, .slow), (dropRate, .drop), (truncateRate, .truncate), (cutRate, .cut),
        ]
        for (rate, kind) in buckets {
            threshold += rate
            guard roll < threshold else { continue }
            if let kind { return kind }
            return [Kind.error500, .error502, .error503][Int(SimRandom.mix(hash) % 3)]
        }
        return nil
    }

    public func applies(toGitHub isGitHub: Bool) -> Bool {
        switch scope {
        case .all: true
        case .jira: !isGitHub
        case .github: isGitHub
        }
    }
}

public struct FaultPlanError: Error, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "fault plan: \(message)" }
}
