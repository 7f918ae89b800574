import Foundation
import HTTPServer
import JSON

/// Dispatches a request to Jira, GitHub or control, applying the fault plan and logging API
/// requests.
struct SimRouter: Sendable {
    let state: SimState
    let log: RequestLog
    let faults: FaultInjector
    let credentials: SimCredentials
    /// What `/repos/…` serves: built once, it is a value.
    let delivery: SimDeliveryScenario
    let slack: SimSlackWorkspace

    /// `/repos/{owner}/{repo}/…` of a repository of the delivery scenario (hand-built or generated);
    /// every other repository's pull requests are the dataset's, with their reviews.
    func servesDelivery(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/", maxSplits: 3)
        guard parts.count >= 3 else { return false }
        return delivery.repos.contains { $0.lowercased() == "\(parts[1])/\(parts[2])" }
    }

    func handle(_ request: HTTPServerRequest) -> HTTPServerResponse {
        if request.path.hasPrefix("/api/") || request.path.hasPrefix("/_sim/slack/") {
            let response = SimSlackRoutes(workspace: slack).handle(request)
            guard request.path.hasPrefix("/api/") else { return response }
            log.record(api: "slack", method: request.method, path: request.path, query: request.rawQuery, body: request.body,
                       status: response.status, milliseconds: 0, fault: nil)
            return response
        }
        if request.path == "/_sim" || request.path.hasPrefix("/_sim/") {
            return SimControlRoute(state: state, log: log, faults: faults).handle(request)
        }
        let isGitHub: Bool
        if request.path.hasPrefix("/rest/") {
            isGitHub = false
        } else if request.path.hasPrefix("/search/") || request.path.hasPrefix("/repos/") || request.path == "/rate_limit" {
            isGitHub = true
        } else {
            return SimResponses.json(404, ["message": "Not Found"])
        }
        let clock = ContinuousClock()
        let started = clock.now
        let baseURL = "http://" + (request.header("Host") ?? "127.0.0.1")
        let (_, kind) = faults.nextFault(isGitHub: isGitHub)
        let plan = faults.plan
        let now = state.now
        var response: HTTPServerResponse
        if let kind, let replaced = FaultInjector.response(for: kind, isGitHub: isGitHub, plan: plan, nowMs: now) {
            response = replaced
        } else if isGitHub && request.path == "/rate_limit" {
            response = GitHubRateLimitRoute(credentials: credentials, faults: faults).handle(request, nowMs: now)
            response = FaultInjector.alter(response, kind: kind, plan: plan)
        } else if isGitHub {
            let (headers, exhausted) = faults.githubRateLimit(nowMs: now)
            if exhausted {
                response = SimResponses.githubError(403, "API rate limit exceeded for user ID 1.")
                response.headers += headers
            } else if request.path.hasPrefix("/repos/") && !servesDelivery(request.path) {
                let dataset = state.dataset
                response = GitHubReviewRoute(dataset: dataset, collaboration: SimCollaboration(dataset: dataset))
                    .handle(request, baseURL: baseURL)
            } else if request.path.hasPrefix("/repos/") {
                response = GitHubDeliveryRoute(scenario: delivery).handle(request)
            } else {
                response = GitHubSearchRoute(state: state, credentials: credentials).handle(request, baseURL: baseURL)
                response.headers += headers
            }
            response = FaultInjector.alter(response, kind: kind, plan: plan)
        } else {
            response = JiraRoutes(state: state, credentials: credentials,
                                  approximateCountAvailable: plan.approximateCountAvailable,
                                  bulkChangelogAvailable: plan.bulkChangelogAvailable,
                                  failingChangelogs: plan.failingChangelogs, itemFaults: plan.itemFaults)
                .handle(request, baseURL: baseURL)
            response = FaultInjector.alter(response, kind: kind, plan: plan)
        }
        let elapsed = started.duration(to: clock.now)
        var milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        if case .delay(let seconds) = response.fault { milliseconds += seconds * 1000 }
        log.record(api: isGitHub ? "github" : "jira", method: request.method, path: request.path,
                   query: request.rawQuery, body: request.body, status: response.status, milliseconds: milliseconds,
                   fault: kind?.rawValue)
        return response
    }
}
