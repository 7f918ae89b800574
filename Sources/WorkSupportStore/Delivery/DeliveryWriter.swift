import FoundationEssentials
import Postgres
import WorkSupportCore

/// Writes deployments and incidents inside the caller's transaction and relinks what they touch.
struct DeliveryWriter {
    let connection: PostgresConnection
    let config: DeliveryConfig

    var incidentLinks: IncidentLinkStore {
        IncidentLinkStore(connection: connection, linker: IncidentLinker(windowHours: config.incidentWindowHours))
    }

    /// The written row's id (nil when an unchanged repeat left it as it was) and whether it changed.
    func apply(_ event: IngestEvent, source: String, rawBody: String) throws -> (Int64?, Bool) {
        switch event {
        case .deployment(let deployment):
            guard let written = try upsert(deployment, source: source, rawBody: rawBody) else { return (nil, false) }
            return (written.id, true)
        case .incident(let incident):
            guard let id = try upsert(incident, source: source, rawBody: rawBody) else { return (nil, false) }
            return (id, true)
        }
    }

    /// The deployment as written, or nil when nothing changed.
    func upsert(_ deployment: IngestedDeployment, source: String, rawBody: String) throws -> Deployment? {
        // The finish time is a success's (DESIGN.md); a failure counts when it started.
        let finishedAt = deployment.state == .success ? (deployment.finishedAt ?? deployment.startedAt) : nil
        guard let row = try connection.run(DeliverySQL.upsertDeployment, [
            source, deployment.id, deployment.repo, deployment.environment,
            config.isProduction(environment: deployment.environment), deployment.sha, deployment.ref,
            deployment.state.rawValue, deployment.startedAt, finishedAt, PostgresJSONText(rawBody),
        ]).first else { return nil }
        let written = try Deployment(row: row)
        try incidentLinks.relink(near: written, externalID: deployment.id)
        return written
    }

    func upsert(_ incident: IngestedIncident, source: String, rawBody: String) throws -> Int64? {
        guard let row = try connection.run(DeliverySQL.upsertIncident, [
            source, incident.id, incident.title, incident.repo, incident.environment, incident.createdAt,
            incident.resolvedAt, incident.deploymentID, incident.sha, incident.pullRequest, PostgresJSONText(rawBody),
        ]).first else { return nil }
        let id: Int64 = try row.get("id")
        try incidentLinks.relink(incidentID: id)
        return id
    }
}
