import API
import FoundationEssentials
import Glibc
import JSON
import Pool
import WorkSupportCore

/// The one place the pool meets the API: every worker calls this once at start. The worker's
/// `APIApplication` counts into the pool's shared scoreboard, so `/metrics` and `/status` show
/// the whole pool whichever worker answers.
func makeRequestHandler(config: WorkSupportConfig, pool: PoolWorkerContext) throws -> any APIRequestHandler {
    let application = APIApplication(
        config: config,
        metrics: ScoreboardCounters(pool: pool),
        poolStatus: { (try? JSONValue.parse(pool.statusSnapshot().jsonText)) ?? .null },
        poolMetrics: { PoolMetricsText.render(pool.statusSnapshot()) })
    // The pool's own tests need slow, crashing and echo routes; never on in production.
    guard ProcessInfo.processInfo.environment["WORKSUPPORT_API_TEST_ROUTES"] == "1" else { return application }
    return TestRoutes(wrapping: application)
}

/// The API's metric counters, kept in the pool's shared-memory scoreboard.
final class ScoreboardCounters: MetricCounters {
    let pool: PoolWorkerContext
    init(pool: PoolWorkerContext) { self.pool = pool }
    func add(_ index: Int, _ value: UInt64) { pool.addCounter(index: index, value: value) }
    func totals() -> [UInt64] { pool.counterTotals() }
}

/// Pool-level Prometheus lines appended to `/metrics`.
enum PoolMetricsText {
    static func render(_ status: PoolStatusSnapshot) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ value: String) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            lines.append("\(name) \(value)")
        }
        metric("worksupport_pool_accepted_requests_total", "counter", "Requests accepted by all workers.", "\(status.acceptedRequests)")
        metric("worksupport_pool_worker_restarts_total", "counter", "Workers started again after an exit.", "\(status.restarts)")
        metric("worksupport_pool_worker_abnormal_exits_total", "counter", "Workers that crashed.", "\(status.abnormalExits)")
        metric("worksupport_pool_worker_timeout_kills_total", "counter", "Workers killed past the request timeout.", "\(status.timeoutKills)")
        metric("worksupport_pool_worker_recycles_total", "counter", "Workers recycled after max requests.", "\(status.recycles)")
        metric("worksupport_pool_max_workers_reached_total", "counter", "Times every worker was busy.", "\(status.maxWorkersReached)")
        metric("worksupport_pool_active_workers", "gauge", "Workers busy with a request.", "\(status.activeWorkers)")
        metric("worksupport_pool_idle_workers", "gauge", "Workers waiting for a request.", "\(status.idleWorkers)")
        if let queue = status.listenQueue { metric("worksupport_pool_listen_queue", "gauge", "Connections waiting to be accepted.", "\(queue)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Test-only routes (WORKSUPPORT_API_TEST_ROUTES=1): slow, crashing and echo requests for the
/// pool's lifecycle tests; everything else goes to the application.
private final class TestRoutes: APIRequestHandler {
    let application: any APIRequestHandler

    init(wrapping application: any APIRequestHandler) { self.application = application }

    func handle(_ request: APIRequest) -> APIResponse {
        switch (request.method, request.path) {
        case ("GET", "/__test/sleep"):
            let milliseconds = request.rawQuery.split(separator: "&")
                .first { $0.hasPrefix("ms=") }.flatMap { UInt32($0.dropFirst(3)) } ?? 0
            usleep(milliseconds * 1000)
            return json(200, #"{"slept_ms":\#(milliseconds)}"#)
        case ("GET", "/__test/crash"):
            abort()
        case ("POST", "/__test/echo"):
            return json(200, #"{"bytes":\#(request.body.count)}"#)
        default:
            return application.handle(request)
        }
    }

    private func json(_ status: Int, _ body: String) -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }
}
