import FoundationEssentials

/// Links an incident to the deployment that caused it: an explicit reference first (a deployment
/// id, a sha, or a pull request named by the incident or its ingest body), else the latest
/// successful production deployment of the same repo (and environment, when the incident names
/// one) at most `windowHours` before it. Neither: unlinked, and listed as such. Time alone never
/// overrides a reference.
public struct IncidentLinker: Sendable {
    public var windowHours: Int

    public init(windowHours: Int) {
        self.windowHours = windowHours
    }

    /// - Parameters:
    ///   - referenced: deployments the incident's references resolve to (by id, by sha or by a
    ///     change they shipped); the earliest production one wins, else the earliest.
    ///   - recent: production deployments of the incident's repo around its creation time.
    public func link(_ incident: Incident, referenced: [Deployment],
                     recent: [Deployment]) -> (deploymentID: Int64, method: IncidentLinkMethod)? {
        let byTime: (Deployment, Deployment) -> Bool = { ($0.at, $0.id) < ($1.at, $1.id) }
        if let explicit = referenced.filter(\.isProduction).min(by: byTime) ?? referenced.min(by: byTime) {
            return (explicit.id, .explicit)
        }
        guard let repo = incident.repo?.lowercased() else { return nil }
        let earliest = incident.createdAt.addingTimeInterval(-Double(windowHours) * 3600)
        let environment = incident.environment?.lowercased()
        let candidate = recent.filter { deployment in
            deployment.isProduction && deployment.state == .success && deployment.repo.lowercased() == repo
                && (environment == nil || deployment.environment.lowercased() == environment)
                && deployment.at <= incident.createdAt && deployment.at >= earliest
        }.max(by: byTime)
        return candidate.map { ($0.id, .window) }
    }
}
