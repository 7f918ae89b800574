import API
import Foundation
import Pool
import WorkSupportCore

/// The one place the pool meets the API: every worker calls this once at start.
///
/// Stand-in until the real `APIApplication` lands: `/health`, `/status`, 404 otherwise, plus
/// test-only routes when WORKSUPPORT_API_TEST_ROUTES=1. Replace this function's body.
func makeRequestHandler(config: WorkSupportConfig, pool: PoolWorkerContext) throws -> any APIRequestHandler {
    let testRoutes = ProcessInfo.processInfo.environment["WORKSUPPORT_API_TEST_ROUTES"] == "1"
    return StandInHandler(pool: pool, testRoutes: testRoutes)
}

private final class StandInHandler: APIRequestHandler {
    let pool: PoolWorkerContext
    let testRoutes: Bool

    init(pool: PoolWorkerContext, testRoutes: Bool) {
        self.pool = pool
        self.testRoutes = testRoutes
    }

    func handle(_ request: APIRequest) -> APIResponse {
        switch (request.method, request.path) {
        case ("GET", "/health"): return json(200, #"{"status":"ok"}"#)
        case ("GET", "/status"): return json(200, pool.statusSnapshot().jsonText)
        case ("GET", "/__test/sleep") where testRoutes:
            let milliseconds = request.rawQuery.split(separator: "&")
                .first { $0.hasPrefix("ms=") }.flatMap { UInt32($0.dropFirst(3)) } ?? 0
            usleep(milliseconds * 1000)
            return json(200, #"{"slept_ms":\#(milliseconds)}"#)
        case ("GET", "/__test/crash") where testRoutes:
            abort()
        case ("POST", "/__test/echo") where testRoutes:
            return json(200, #"{"bytes":\#(request.body.count)}"#)
        default:
            return json(404, #"{"error":{"code":"not_found","message":"no such route"}}"#)
        }
    }

    private func json(_ status: Int, _ body: String) -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }
}
