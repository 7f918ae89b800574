/// What the router made of a method and path.
public enum RouteMatch: Equatable, Sendable {
    /// `parameter` is the decoded path parameter (issue key, numeric id as text), if the route has one.
    case matched(Route, parameter: String?)
    /// A dashboard path (`/ui/…`, `/favicon.ico`); unknown `/ui/` paths are `.notFound` here,
    /// answered with the dashboard's own 404 page.
    case dashboard(DashboardRoute, parameter: String?)
    case methodNotAllowed(allowed: [String])
    case notFound
    /// The path has a malformed percent-escape or is not UTF-8 once decoded.
    case badPath(String)
}
