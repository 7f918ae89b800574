/// Every endpoint the API serves. The raw value is the route's fixed slot in the metric
/// counters, so cases are only ever added at the end.
public enum Route: Int, CaseIterable, Sendable {
    /// No route matched (404) or the method was wrong (405).
    case unmatched = 0
    case health
    case metrics
    case poolStatus
    case openAPI
    case issueKeys
    case issueHierarchy
    case issue
    case reloadCreate
    case reloadList
    case reloadStatus
    case harvestRuns
    case harvestRun
    case anomalies
    case ingestGitHub
    case ingestJira
    case anomalySummary
    case releases
    case release
    /// Dashboard pages (GET `/ui/…`), forms (POST `/ui/…`) and static files (`/ui/assets/…`,
    /// `/favicon.ico`): which one is a `DashboardRoute`.
    case dashboardPage
    case dashboardForm
    case dashboardAsset
    case issueTransitions
    case flow
    case ingestDelivery
    case doraMetrics
    case deployments
    case incidents
    case changes
    case ingestSlack
    /// `GET /api/team/{question}`: reviews, quiet, owners, graph.
    case team

    /// The `route` label in `/metrics`.
    public var label: String {
        switch self {
        case .unmatched: "unmatched"
        case .health: "health"
        case .metrics: "metrics"
        case .poolStatus: "pool_status"
        case .openAPI: "openapi"
        case .issueKeys: "issue_keys"
        case .issueHierarchy: "issue_hierarchy"
        case .issue: "issue"
        case .reloadCreate: "reload_create"
        case .reloadList: "reload_list"
        case .reloadStatus: "reload_status"
        case .harvestRuns: "harvest_runs"
        case .harvestRun: "harvest_run"
        case .anomalies: "anomalies"
        case .ingestGitHub: "ingest_github"
        case .ingestJira: "ingest_jira"
        case .anomalySummary: "anomaly_summary"
        case .releases: "releases"
        case .release: "release"
        case .dashboardPage: "ui_page"
        case .dashboardForm: "ui_form"
        case .dashboardAsset: "ui_asset"
        case .issueTransitions: "issue_transitions"
        case .flow: "flow"
        case .ingestDelivery: "ingest_delivery"
        case .doraMetrics: "dora_metrics"
        case .deployments: "deployments"
        case .incidents: "incidents"
        case .changes: "changes"
        case .ingestSlack: "ingest_slack"
        case .team: "team"
        }
    }

    /// Whether the request needs an API key: every `/api/` path except the OpenAPI document and
    /// the webhook endpoints, which authenticate by signature.
    public var requiresAPIKey: Bool {
        switch self {
        case .issueKeys, .issueHierarchy, .issue, .reloadCreate, .reloadList, .reloadStatus,
             .harvestRuns, .harvestRun, .anomalies, .anomalySummary, .releases, .release,
             .issueTransitions, .flow, .ingestDelivery, .doraMetrics, .deployments, .incidents, .changes,
             .team: true
        case .unmatched, .health, .metrics, .poolStatus, .openAPI, .ingestGitHub, .ingestJira,
             .dashboardPage, .dashboardForm, .dashboardAsset, .ingestSlack: false
        }
    }

    /// Query parameters the route accepts; any other name is refused with 400.
    public var queryParameters: Set<String> {
        switch self {
        case .issueKeys: ["source", "assignee", "label", "issue_type", "parent_key", "status",
                          "updated_since", "limit", "cursor"]
        case .issueHierarchy: ["root_type", "root_key", "max_depth"]
        case .reloadCreate: ["force"]
        case .reloadList: ["limit", "status"]
        case .harvestRuns: ["limit", "status", "kind"]
        case .anomalies: ["kind", "status", "issue_key", "assignee"]
        case .flow: ["team", "assignee", "issue_type", "source", "from", "to"]
        case .doraMetrics: ["repo", "environment", "team", "member", "from", "to"]
        case .deployments: ["repo", "environment", "from", "to", "status", "limit"]
        case .incidents: ["repo", "environment", "from", "to", "linked", "limit"]
        case .changes: ["repo", "from", "to", "deployed", "limit"]
        case .team: ["since"]
        default: []
        }
    }
}
