/// Maps a method and a percent-encoded path to a route. Pure: no I/O, no state.
public struct Router: Sendable {
    /// One path shape: fixed segments, or a prefix followed by one parameter (which, for issue
    /// keys, may itself contain `/` as in `owner/repo#12`).
    struct Pattern<Target: Sendable>: Sendable {
        let methods: [(String, Target)]
        let path: String
        /// When true, `path` is a prefix and the rest of the decoded path is the parameter.
        let takesRest: Bool
        /// With `takesRest`: a fixed ending after the parameter (`/transitions`).
        var suffix = ""
    }

    static let patterns: [Pattern<Route>] = [
        Pattern(methods: [("GET", .health)], path: "/health", takesRest: false),
        Pattern(methods: [("GET", .metrics)], path: "/metrics", takesRest: false),
        Pattern(methods: [("GET", .poolStatus)], path: "/status", takesRest: false),
        Pattern(methods: [("GET", .openAPI)], path: "/api/openapi.json", takesRest: false),
        Pattern(methods: [("GET", .issueKeys)], path: "/api/issues/keys", takesRest: false),
        Pattern(methods: [("GET", .issueHierarchy)], path: "/api/issues/hierarchy", takesRest: false),
        Pattern(methods: [("GET", .issueTransitions)], path: "/api/issues/", takesRest: true, suffix: "/transitions"),
        Pattern(methods: [("GET", .issue)], path: "/api/issues/", takesRest: true),
        Pattern(methods: [("GET", .reloadList), ("POST", .reloadCreate)], path: "/api/harvest/reload", takesRest: false),
        Pattern(methods: [("GET", .reloadStatus)], path: "/api/harvest/reload/", takesRest: true),
        Pattern(methods: [("GET", .harvestRuns)], path: "/api/harvest/runs", takesRest: false),
        Pattern(methods: [("GET", .harvestRun)], path: "/api/harvest/runs/", takesRest: true),
        Pattern(methods: [("GET", .anomalies)], path: "/api/anomalies", takesRest: false),
        Pattern(methods: [("POST", .ingestGitHub)], path: "/api/ingest/github", takesRest: false),
        Pattern(methods: [("POST", .ingestJira)], path: "/api/ingest/jira", takesRest: false),
        Pattern(methods: [("GET", .anomalySummary)], path: "/api/anomalies/summary", takesRest: false),
        Pattern(methods: [("GET", .releases)], path: "/api/releases", takesRest: false),
        Pattern(methods: [("GET", .release)], path: "/api/releases/", takesRest: true),
        Pattern(methods: [("GET", .flow)], path: "/api/flow", takesRest: false),
        Pattern(methods: [("GET", .doraMetrics)], path: "/api/metrics/dora", takesRest: false),
        Pattern(methods: [("GET", .deployments)], path: "/api/deployments", takesRest: false),
        Pattern(methods: [("GET", .incidents)], path: "/api/incidents", takesRest: false),
        Pattern(methods: [("GET", .changes)], path: "/api/changes", takesRest: false),
        Pattern(methods: [("POST", .ingestSlack)], path: "/api/ingest/slack", takesRest: false),
        Pattern(methods: [("GET", .team)], path: "/api/team/", takesRest: true),
        // After the signed endpoints above, which take their own names.
        Pattern(methods: [("POST", .ingestDelivery)], path: "/api/ingest/", takesRest: true),
    ]

    public init() {}

    /// HEAD is answered like GET (without a body), so every GET route allows it.
    public func match(method: String, path: String) -> RouteMatch {
        guard let decoded = PercentDecoding.decode(path, plusIsSpace: false) else {
            return .badPath("the path has a malformed percent-escape or %00, or is not UTF-8")
        }
        if DashboardRoute.owns(decoded) {
            switch Self.lookup(Self.dashboardPatterns, method: method, path: path, decoded: decoded) {
            case .found(let page, let parameter): return .dashboard(page, parameter: parameter)
            case .wrongMethod(let allowed): return .methodNotAllowed(allowed: allowed)
            case .none: return .dashboard(.notFound, parameter: nil)
            }
        }
        switch Self.lookup(Self.patterns, method: method, path: path, decoded: decoded) {
        case .found(let route, let parameter): return .matched(route, parameter: parameter)
        case .wrongMethod(let allowed): return .methodNotAllowed(allowed: allowed)
        case .none: return .notFound
        }
    }

    enum Lookup<Target> {
        case found(Target, parameter: String?)
        case wrongMethod(allowed: [String])
        case none
    }

    static func lookup<Target>(_ patterns: [Pattern<Target>], method: String, path: String, decoded: String) -> Lookup<Target> {
        for pattern in patterns {
            let parameter: String?
            if pattern.takesRest {
                // Matched on the encoded path, so `%2F` inside a key never splits it.
                guard path.hasPrefix(pattern.path), path.hasSuffix(pattern.suffix),
                      path.count > pattern.path.count + pattern.suffix.count else { continue }
                parameter = String(decoded.dropFirst(pattern.path.count).dropLast(pattern.suffix.count))
            } else {
                guard decoded == pattern.path else { continue }
                parameter = nil
            }
            let wanted = method == "HEAD" ? "GET" : method
            if let target = pattern.methods.first(where: { $0.0 == wanted })?.1 {
                return .found(target, parameter: parameter)
            }
            var allowed = pattern.methods.map(\.0)
            if allowed.contains("GET") { allowed.insert("HEAD", at: allowed.firstIndex(of: "GET")! + 1) }
            return .wrongMethod(allowed: allowed)
        }
        return .none
    }
}
