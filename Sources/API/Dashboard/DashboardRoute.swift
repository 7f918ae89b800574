/// Each page, form and file of the dashboard. Matched once by `Router` with the other routes;
/// counted in `/metrics` under the three `Route.dashboard…` labels.
public enum DashboardRoute: Equatable, Sendable {
    case overview, login, loginSubmit, logout
    case runs, run, reload
    case anomalies, anomaly, acknowledge, reopen
    case hierarchy, issue
    case flow, delivery, team
    case asset, favicon
    /// `/ui` without its slash: redirected to `/ui/`.
    case rootRedirect
    /// Any other path under `/ui/`.
    case notFound

    /// Paths the dashboard answers (every other path is the API's).
    static func owns(_ decodedPath: String) -> Bool {
        decodedPath.hasPrefix("/ui/") || decodedPath == "/ui" || decodedPath == "/favicon.ico"
    }

    var metricRoute: Route {
        switch self {
        case .loginSubmit, .logout, .reload, .acknowledge, .reopen: .dashboardForm
        case .asset, .favicon: .dashboardAsset
        default: .dashboardPage
        }
    }
}

extension Router {
    /// Fixed paths before the prefixes that would also take them (`/ui/runs/reload` before `/ui/runs/`).
    static let dashboardPatterns: [Pattern<DashboardRoute>] = [
        Pattern(methods: [("GET", .overview)], path: "/ui/", takesRest: false),
        Pattern(methods: [("GET", .rootRedirect)], path: "/ui", takesRest: false),
        Pattern(methods: [("GET", .login), ("POST", .loginSubmit)], path: "/ui/login", takesRest: false),
        Pattern(methods: [("POST", .logout)], path: "/ui/logout", takesRest: false),
        Pattern(methods: [("GET", .runs)], path: "/ui/runs", takesRest: false),
        Pattern(methods: [("POST", .reload)], path: "/ui/runs/reload", takesRest: false),
        Pattern(methods: [("GET", .run)], path: "/ui/runs/", takesRest: true),
        Pattern(methods: [("GET", .anomalies)], path: "/ui/anomalies", takesRest: false),
        Pattern(methods: [("POST", .acknowledge)], path: "/ui/anomalies/acknowledge", takesRest: false),
        Pattern(methods: [("POST", .reopen)], path: "/ui/anomalies/reopen", takesRest: false),
        Pattern(methods: [("GET", .anomaly)], path: "/ui/anomalies/", takesRest: true),
        Pattern(methods: [("GET", .hierarchy)], path: "/ui/hierarchy", takesRest: false),
        Pattern(methods: [("GET", .issue)], path: "/ui/issues/", takesRest: true),
        Pattern(methods: [("GET", .flow)], path: "/ui/flow", takesRest: false),
        Pattern(methods: [("GET", .delivery)], path: "/ui/delivery", takesRest: false),
        Pattern(methods: [("GET", .team)], path: "/ui/team", takesRest: false),
        Pattern(methods: [("GET", .asset)], path: "/ui/assets/", takesRest: true),
        Pattern(methods: [("GET", .favicon)], path: "/favicon.ico", takesRest: false),
    ]
}
