import Foundation
import HTTPServer
import JSON

/// `GET /rate_limit`, as GitHub answers it: no token needed (anonymous: 60 an hour), a wrong one
/// refused with 401, and asking costs no quota. `core` is nominal (the simulator serves only
/// search); `search` is the fault plan's per-minute window.
struct GitHubRateLimitRoute {
    let credentials: SimCredentials
    let faults: FaultInjector

    func handle(_ request: HTTPServerRequest, nowMs: Int64) -> HTTPServerResponse {
        let authorization = request.header("Authorization")
        if authorization != nil && !credentials.acceptsGitHub(authorization) {
            return SimResponses.githubError(401, "Bad credentials")
        }
        let coreLimit: Int64 = authorization == nil ? 60 : 5000
        let core: JSONValue = ["limit": .int(coreLimit), "remaining": .int(coreLimit), "used": 0,
                               "reset": .int(nowMs / 1000 + 3600), "resource": "core"]
        var search = JSONObject()
        for (name, value) in faults.githubRateLimit(nowMs: nowMs, counting: false).headers {
            let field = name.replacingOccurrences(of: "X-RateLimit-", with: "").lowercased()
            search[field] = Int64(value).map { .int($0) } ?? .string(value)
        }
        return SimResponses.json(200, ["resources": ["core": core, "search": .object(search)], "rate": core], headers: [
            ("X-RateLimit-Limit", String(coreLimit)), ("X-RateLimit-Remaining", String(coreLimit)),
            ("X-RateLimit-Reset", String(nowMs / 1000 + 3600)), ("X-RateLimit-Used", "0"),
            ("X-RateLimit-Resource", "core"),
        ])
    }
}
