import JSON
import Postgres
import WorkSupportCore

/// Writes incidents harvested from GitHub issues or Jira, linking each as it is written.
public struct IncidentStore {
    let connection: PostgresConnection
    let config: DeliveryConfig

    public init(connection: PostgresConnection, config: DeliveryConfig) {
        self.connection = connection
        self.config = config
    }

    /// True when the row was inserted or changed.
    @discardableResult
    public func upsert(_ incident: IngestedIncident, source: String, raw: JSONValue) throws -> Bool {
        try DeliveryWriter(connection: connection, config: config)
            .upsert(incident, source: source, rawBody: raw.serializedString()) != nil
    }
}
