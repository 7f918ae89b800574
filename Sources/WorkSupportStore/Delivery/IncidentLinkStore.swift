import FoundationEssentials
import Postgres
import WorkSupportCore

/// Keeps `incidents.deployment_id` and `link_method` what `IncidentLinker` decides from the rows
/// as they are now: run for an incident when it is written, and for the incidents near a
/// deployment when that is written, so late arrivals on either side relink.
struct IncidentLinkStore {
    let connection: PostgresConnection
    let linker: IncidentLinker

    /// Relinks one incident; true when its link changed.
    @discardableResult
    func relink(incidentID: Int64) throws -> Bool {
        guard let row = try connection.run(DeliverySQL.incident, [incidentID]).first else { return false }
        let incident = Incident(id: incidentID, repo: try row.get("repo"), environment: try row.get("environment"),
                                createdAt: try row.get("created_at"), resolvedAt: try row.get("resolved_at"))
        let source: String = try row.get("source")
        let refDeployment: String? = try row.get("ref_deployment")
        let refSha: String? = try row.get("ref_sha")
        let refChange: String? = try row.get("ref_change")
        var referenced: [Deployment] = []
        if refDeployment != nil || refSha != nil || refChange != nil {
            let rows = try connection.run(DeliverySQL.referencedDeployments, [refDeployment, refSha, refChange])
            // A deployment id means this source's deployment when it has one by that id.
            let sameSource = try rows.filter { row in
                try row.get("source") as String == source && (try row.get("id") as Int64) > 0
            }
            let chosen = refDeployment != nil && !sameSource.isEmpty ? sameSource : Array(rows)
            referenced = try chosen.map { try Deployment(row: $0) }
        }
        var recent: [Deployment] = []
        if referenced.isEmpty, let repo = incident.repo {
            let earliest = incident.createdAt.addingTimeInterval(-Double(linker.windowHours) * 3600)
            recent = try connection.run(DeliverySQL.recentDeployments, [repo, earliest, incident.createdAt])
                .map { try Deployment(row: $0) }
        }
        let link = linker.link(incident, referenced: referenced, recent: recent)
        return try connection.run(DeliverySQL.linkIncident, [incidentID, link?.deploymentID, link?.method.rawValue])
            .affectedRows > 0
    }

    /// Relinks the incidents a written deployment may now explain or no longer explain.
    func relink(near deployment: Deployment, externalID: String) throws {
        let latest = deployment.at.addingTimeInterval(Double(linker.windowHours) * 3600)
        let ids: [Int64] = try connection.run(DeliverySQL.incidentsNear, [
            deployment.repo, deployment.at, latest, deployment.id, deployment.sha, externalID,
        ]).map { try $0.get("id") }
        for id in ids { try relink(incidentID: id) }
    }
}
