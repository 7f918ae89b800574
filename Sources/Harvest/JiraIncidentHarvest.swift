import Connectors
import Foundation
import Postgres
import WorkSupportCore
import WorkSupportStore

/// Incidents from the Jira issues matching `dora.incident_jql`, the whole result each run (an
/// incident query matches few issues, and a resolution may come long after the incident).
struct JiraIncidentHarvest {
    let client: JiraClient
    let connection: PostgresConnection
    let config: DeliveryConfig
    let failures: HarvestFailureLog

    /// The number of incidents read.
    func run(jql: String) -> Int {
        var count = 0
        let store = IncidentStore(connection: connection, config: config)
        do {
            try client.search(jql: jql, fields: JiraIncidentIssue.fields) { page in
                for issue in page.issues {
                    guard let incident = JiraIncidentIssue.incident(issue) else { continue }
                    try connection.transaction { _ in try store.upsert(incident, source: "jira", raw: issue) }
                    count += 1
                }
            }
        } catch {
            failures.record(.jira, itemKey: "dora.incident_jql", error: error)
        }
        return count
    }
}
