/// Where each metric lives in the flat counter array, so that every worker process agrees.
///
/// ```
/// requests   [route * 13 + statusSlot]                     0 ..< 624   (48 route slots × 13 status slots)
/// latency    624 + route * 14 + bucket (0 ..< 13 counts,   624 ..< 1296
///            13 = sum of durations in microseconds)
/// 1296  database errors (failed statements and connects)
/// 1297  database connect attempts
/// 1298  requests refused with 503 because the database is down
/// 1299  API key rejections (401)
/// 1300 ..< 1304  spare
/// 1304 ..< 1368  webhook deliveries by source and outcome (github, jira, slack), then the generic ingest's (`WebhookMetrics`)
/// 1368 ..< 2048  spare (the pool's scoreboard holds 2048)
/// ```
/// Routes are `Route.rawValue`; status slots are `statusCodes` then "other"; latency buckets are
/// `latencyBounds` (non-cumulative counts; the last slot is above the largest bound).
public enum MetricLayout {
    /// Room for routes to come without moving the blocks after them.
    public static let routeSlots = 48
    public static let statusCodes = [200, 202, 400, 401, 404, 405, 409, 413, 415, 422, 500, 503]
    public static let statusSlots = statusCodes.count + 1
    /// Upper bounds in seconds.
    public static let latencyBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                 0.25, 0.5, 1, 2.5]
    public static let latencySlots = latencyBounds.count + 2

    public static let requestsBase = 0
    public static let latencyBase = requestsBase + routeSlots * statusSlots
    public static let databaseErrors = latencyBase + routeSlots * latencySlots
    public static let databaseConnectAttempts = databaseErrors + 1
    public static let databaseUnavailableResponses = databaseErrors + 2
    public static let authenticationFailures = databaseErrors + 3
    public static let webhookBase = authenticationFailures + 5
    public static let counterCount = 2048

    public static func requestIndex(route: Route, status: Int) -> Int {
        requestsBase + route.rawValue * statusSlots + statusSlot(status)
    }

    public static func statusSlot(_ status: Int) -> Int {
        statusCodes.firstIndex(of: status) ?? statusCodes.count
    }

    public static func latencyBucketIndex(route: Route, nanoseconds: UInt64) -> Int {
        let seconds = Double(nanoseconds) / 1e9
        let bucket = latencyBounds.firstIndex { seconds <= $0 } ?? latencyBounds.count
        return latencyBase + route.rawValue * latencySlots + bucket
    }

    public static func latencySumIndex(route: Route) -> Int {
        latencyBase + route.rawValue * latencySlots + latencySlots - 1
    }
}
