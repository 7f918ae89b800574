import HTTPServer
import Synchronization

/// The running fault plan: numbers the API requests it applies to, turns a plan's decision into
/// a response, and keeps GitHub's per-minute search window for `X-RateLimit-*`.
final class FaultInjector: Sendable {
    private struct State {
        var plan: FaultPlan
        /// API requests in the plan's scope since the plan was set.
        var counted = 0
        var windowStart: Int64 = 0
        var windowUsed = 0
    }

    /// What `X-RateLimit-Limit` says when the plan enforces no search limit.
    static let nominalSearchLimit = 5000
    private let state: Mutex<State>

    init(plan: FaultPlan) {
        state = Mutex(State(plan: plan))
    }

    var plan: FaultPlan { state.withLock { $0.plan } }

    /// A new plan restarts the request numbering.
    func set(_ plan: FaultPlan) {
        state.withLock { $0 = State(plan: plan) }
    }

    /// The fault for the next request of this API (`github` or not), numbering it if in scope.
    func nextFault(isGitHub: Bool) -> (number: Int, kind: FaultPlan.Kind?) {
        state.withLock { state in
            guard state.plan.applies(toGitHub: isGitHub) else { return (0, nil) }
            state.counted += 1
            return (state.counted, state.plan.isNone ? nil : state.plan.fault(forRequest: state.counted))
        }
    }

    /// Counts one GitHub search request in the current minute (unless `counting` is false: a look
    /// at the quota); returns the headers and whether the plan's `search-limit` is exhausted.
    func githubRateLimit(nowMs: Int64, counting: Bool = true) -> (headers: [(String, String)], exhausted: Bool) {
        state.withLock { state in
            let now = nowMs / 1000
            if now - state.windowStart >= 60 { state.windowStart = now; state.windowUsed = 0 }
            if counting { state.windowUsed += 1 }
            let limit = state.plan.searchLimit ?? Self.nominalSearchLimit
            let remaining = max(0, limit - state.windowUsed)
            let headers = [("X-RateLimit-Limit", String(limit)), ("X-RateLimit-Remaining", String(remaining)),
                           ("X-RateLimit-Reset", String(state.windowStart + 60)),
                           ("X-RateLimit-Used", String(min(limit, state.windowUsed))), ("X-RateLimit-Resource", "search")]
            return (headers, state.plan.searchLimit != nil && state.windowUsed > limit)
        }
    }

    /// The response a fault replaces the real one with; nil when the fault alters delivery only.
    static func response(for kind: FaultPlan.Kind, isGitHub: Bool, plan: FaultPlan, nowMs: Int64) -> HTTPServerResponse? {
        let retryAfter = String(plan.retryAfterSeconds)
        let reset = String(nowMs / 1000 + Int64(plan.retryAfterSeconds))
        switch kind {
        case .error500, .error502, .error503:
            let status = Int(kind.rawValue) ?? 500
            if status != 500 {
                return HTTPServerResponse(status: status, headers: [("Content-Type", "text/html")],
                                          body: Array("<html><body><h1>\(status)</h1>upstream unavailable</body></html>".utf8))
            }
            return isGitHub ? SimResponses.githubError(500, "Server Error")
                : SimResponses.jiraError(500, "Internal server error")
        case .tooManyRequests:
            return isGitHub
                ? SimResponses.githubError(429, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                                           headers: [("Retry-After", retryAfter)])
                : SimResponses.jiraError(429, "Rate limit exceeded.", headers: [("Retry-After", retryAfter)])
        case .rateLimit:
            return isGitHub
                ? SimResponses.githubError(403, "API rate limit exceeded for user ID 1.",
                                           headers: [("X-RateLimit-Limit", "30"), ("X-RateLimit-Remaining", "0"),
                                                     ("X-RateLimit-Reset", reset), ("X-RateLimit-Resource", "search")])
                : SimResponses.jiraError(429, "Rate limit exceeded.",
                                         headers: [("Retry-After", retryAfter), ("X-RateLimit-Reset", reset)])
        case .secondaryRateLimit:
            return isGitHub
                ? SimResponses.githubError(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                                           headers: [("Retry-After", retryAfter)])
                : SimResponses.jiraError(429, "Rate limit exceeded.", headers: [("Retry-After", retryAfter)])
        case .slow, .drop, .truncate, .cut:
            return nil
        }
    }

    /// Applies a delivery fault to a real response.
    static func alter(_ response: HTTPServerResponse, kind: FaultPlan.Kind?, plan: FaultPlan) -> HTTPServerResponse {
        switch kind {
        case .slow?: response.with(fault: .delay(seconds: Double(plan.slowMilliseconds) / 1000))
        case .drop?: response.with(fault: .dropConnection)
        case .truncate?: response.with(fault: .truncateBody(bytes: response.body.count / 2))
        case .cut?: HTTPServerResponse(status: response.status, headers: response.headers,
                                       body: Array(response.body.prefix(response.body.count / 2)))
        default: response
        }
    }
}
