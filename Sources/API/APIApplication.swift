import JSON
import Postgres
import WorkSupportCore
import WorkSupportStore

/// The API of one worker process. One way through for every request: route it once, check its
/// key once (one indexed lookup), run its handler's plain statements, serialize the answer.
/// GET and HEAD read through `reads` (`database.read_url`, e.g. a hot standby, when set) and
/// never write there; everything that writes goes through `writes` (`database.url`). Not
/// thread-safe: the pool calls `handle` from one thread per process.
public final class APIApplication: APIRequestHandler {
    let config: WorkSupportConfig
    let metrics: RequestMetrics
    let poolStatus: (() -> JSONValue)?
    let poolMetrics: (() -> String)?
    let clock: MonotonicClock
    /// The connection of GET and HEAD requests: `database.read_url` when set, else `writes`.
    let reads: DatabaseSession
    /// The connection of everything that writes (reload requests, ingest, key `last_used_at`).
    let writes: DatabaseSession
    let authenticator: APIKeyAuthenticator
    let harvestLauncher: HarvestLauncher
    let router = Router()
    /// `/health` reuses a successful check this long, so a load balancer's polling costs
    /// little; any failure seen by any route ends the reuse at once.
    let healthReuseInterval: UInt64
    var lastHealthyCheck: (at: UInt64, response: APIResponse)?
    lazy var webhookInterpreter = WebhookInterpreter(config: config)

    /// - Parameters:
    ///   - metrics: the counters to record into; the pool passes shared-memory counters summed
    ///     over its workers (see `MetricLayout` for the indices).
    ///   - poolStatus: the pool's status document, served at `GET /status`.
    ///   - poolMetrics: extra Prometheus lines appended to `GET /metrics` (worker restarts, …).
    ///   - clock: monotonic nanoseconds; tests step it by hand.
    ///   - databaseRetryInterval: while the database is down, how often a worker tries to connect.
    public init(config: WorkSupportConfig,
                metrics: any MetricCounters = LocalMetricCounters(),
                poolStatus: (() -> JSONValue)? = nil,
                poolMetrics: (() -> String)? = nil,
                clock: @escaping MonotonicClock = SystemClock.monotonic,
                databaseRetryInterval: UInt64 = 500_000_000,
                keyUsageFlushInterval: UInt64 = 60_000_000_000,
                healthReuseInterval: UInt64 = 100_000_000) {
        self.config = config
        self.metrics = RequestMetrics(counters: metrics)
        self.poolStatus = poolStatus
        self.poolMetrics = poolMetrics
        self.clock = clock
        let requestMetrics = self.metrics
        let writes = DatabaseSession(url: config.database.url, retryInterval: databaseRetryInterval,
                                     clock: clock, metrics: requestMetrics)
        self.writes = writes
        self.reads = config.database.readURL.map {
            DatabaseSession(url: $0, retryInterval: databaseRetryInterval, clock: clock, metrics: requestMetrics)
        } ?? writes
        self.authenticator = APIKeyAuthenticator(flushInterval: keyUsageFlushInterval, clock: clock)
        self.harvestLauncher = HarvestLauncher(command: config.harvest.startCommand)
        self.healthReuseInterval = healthReuseInterval
    }

    deinit { flush() }

    /// Writes pending `last_used_at` updates now (before a worker exits).
    public func flush() {
        authenticator.flushIfDue(database: writes, force: true)
    }

    public func handle(_ request: APIRequest) -> APIResponse {
        let start = clock()
        var route = Route.unmatched
        var response: APIResponse
        do throws(APIError) {
            switch router.match(method: request.method, path: request.path) {
            case .matched(let matched, let parameter):
                route = matched
                response = try respond(to: request, route: matched, pathParameter: parameter)
            case .dashboard(let page, let parameter):
                route = page.metricRoute
                response = dashboard(request, page, parameter)
            case .methodNotAllowed(let allowed):
                throw APIError(.methodNotAllowed, "\(request.method.prefix(16)) is not allowed here; use \(allowed.joined(separator: " or "))",
                               headers: [APIError.Header(name: "Allow", value: allowed.joined(separator: ", "))])
            case .notFound:
                throw APIError(.notFound, "no such endpoint: \(request.path.prefix(200)) (see /api/openapi.json)")
            case .badPath(let message):
                throw APIError(.invalidPath, message)
            }
        } catch {
            if error.code == .unauthorized { metrics.count(MetricLayout.authenticationFailures) }
            if let source = WebhookMetrics.source(of: route) { countWebhook(source, WebhookMetrics.rejection(error.code)) }
            if route == .ingestDelivery { countGenericIngest(WebhookMetrics.genericRejection(error.code)) }
            response = error.response
        }
        response = finished(response, for: request, route: route, nanoseconds: clock() &- start)
        authenticator.flushIfDue(database: writes)
        return response
    }

    /// A response as it goes out (no body for HEAD), recorded in the metrics.
    func finished(_ response: APIResponse, for request: APIRequest, route: Route, nanoseconds: UInt64) -> APIResponse {
        var response = response
        if request.method == "HEAD" { response.body = [] }
        metrics.record(route: route, status: response.status, nanoseconds: nanoseconds)
        return response
    }

    /// Key first (a caller without one learns nothing about parameters), then body size and
    /// query parameters, then the route itself. The key is checked where the request reads.
    func respond(to request: APIRequest, route: Route, pathParameter: String?) throws(APIError) -> APIResponse {
        var caller: APIKeyAuthenticator.Caller?
        if route.requiresAPIKey {
            caller = try authenticator.authenticate(APIKeyAuthenticator.presentedKeyHash(request),
                                                    database: request.onlyReads ? reads : writes)
        }
        guard request.body.count <= config.api.maxBodyBytes else {
            throw APIError(.payloadTooLarge, "the request body is larger than \(config.api.maxBodyBytes) bytes")
        }
        let query = try QueryParameters(parsing: request.rawQuery)
        try query.requireOnly(route.queryParameters)
        switch route {
        case .health: return health()
        case .metrics:
            return APIResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                               body: Array(metrics.render(extraLines: poolMetrics?()).utf8))
        case .poolStatus:
            guard let poolStatus else { throw APIError(.notFound, "no pool status in this process") }
            return .json(poolStatus())
        case .openAPI:
            return APIResponse(status: 200, headers: [APIResponse.jsonContentType], body: OpenAPIDocument.text)
        case .issueKeys: return try issueKeys(query)
        case .issueHierarchy: return try hierarchy(query)
        case .issue: return try issue(key: pathParameter ?? "")
        case .reloadCreate: return try createReload(request, query: query, caller: caller)
        case .reloadList: return try reloadList(query)
        case .reloadStatus: return try reloadStatus(id: pathParameter ?? "")
        case .harvestRuns: return try harvestRuns(query)
        case .harvestRun: return try harvestRun(id: pathParameter ?? "")
        case .anomalies: return try anomalies(query)
        case .ingestGitHub: return try ingestGitHub(request)
        case .ingestJira: return try ingestJira(request)
        case .anomalySummary: return try anomalySummary()
        case .releases: return try releases()
        case .release: return try release(name: pathParameter ?? "")
        case .issueTransitions: return try issueTransitions(key: pathParameter ?? "")
        case .flow: return try flow(query)
        case .ingestDelivery: return try ingestDelivery(request, source: pathParameter ?? "")
        case .doraMetrics: return try doraMetrics(query)
        case .deployments: return try deploymentsList(query)
        case .incidents: return try incidentsList(query)
        case .changes: return try changesList(query)
        case .ingestSlack: return try ingestSlack(request)
        case .team: return try team(question: pathParameter ?? "", query)
        case .unmatched, .dashboardPage, .dashboardForm, .dashboardAsset:
            throw APIError(.notFound, "no such endpoint: \(request.path.prefix(200))")
        }
    }

    /// A positive integer id from the path, or 400 naming `id`.
    static func pathID(_ text: String) throws(APIError) -> Int64 {
        guard let id = Int64(text), id > 0 else {
            throw APIError.invalid("id", "must be a positive integer, got '\(text.prefix(40))'")
        }
        return id
    }

    /// One document the database serialized, or 404 with `notFound` when the query finds none.
    func document(notFound message: String,
                  _ query: (PostgresConnection) throws(StoreError) -> String?) throws(APIError) -> APIResponse {
        guard let body = try reads.run(query) else { throw APIError(.notFound, message) }
        return .json(databaseText: body)
    }

    /// Parses JSON text the database built (always valid; `null` if not).
    static func parsed(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return (try? JSONValue.parse(text)) ?? .null
    }
}
