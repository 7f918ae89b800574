import FoundationEssentials

/// An incident (an `incidents` row) and the deployment it is linked to.
public struct Incident: Sendable, Equatable {
    public var id: Int64
    public var repo: String?
    public var environment: String?
    public var createdAt: Date
    public var resolvedAt: Date?
    public var deploymentID: Int64?
    public var linkMethod: IncidentLinkMethod?

    public init(id: Int64, repo: String? = nil, environment: String? = nil, createdAt: Date, resolvedAt: Date? = nil,
                deploymentID: Int64? = nil, linkMethod: IncidentLinkMethod? = nil) {
        self.id = id
        self.repo = repo
        self.environment = environment
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.deploymentID = deploymentID
        self.linkMethod = linkMethod
    }
}

/// How an incident found its deployment (`incidents.link_method`).
public enum IncidentLinkMethod: String, Sendable {
    /// The incident (or its ingest body) names the deployment, its sha or one of its changes.
    case explicit
    /// The latest production deployment of its repo within `dora.incident_window_hours` before it.
    case window
}
