import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Records webhook deliveries in `webhook_deliveries` and applies their effect to `issues`: one
/// transaction per delivery, so a delivery is either stored and applied or not there at all.
public struct WebhookDeliveryStore {
    /// What became of a delivery.
    public enum Outcome: Sendable, Equatable {
        /// Stored with this status (`applied`, `ignored`, `stored`, `failed`); `written` when an
        /// issue row was inserted, updated or deleted.
        case recorded(id: Int64, status: String, written: Bool)
        /// The (source, delivery id) was already stored: nothing changed.
        case duplicate
    }

    let connection: PostgresConnection
    /// Run for the issue of every applied delivery (WebhookDeliveryStore+Anomalies); nil: none.
    let anomalyPass: AnomalyPass?
    /// Set: GitHub deployment and merged pull request deliveries also feed the delivery tables.
    let delivery: DeliveryConfig?

    public init(connection: PostgresConnection, anomalyPass: AnomalyPass? = nil, delivery: DeliveryConfig? = nil) {
        self.connection = connection
        self.anomalyPass = anomalyPass
        self.delivery = delivery
    }

    public func record(_ delivery: WebhookDelivery, effect: WebhookEffect) throws(StoreError) -> Outcome {
        let outcome: Outcome = try storeCall {
            try connection.transaction { connection in
                var isUpsert = false
                if case .upsert = effect { isUpsert = true }
                let rows = try connection.run(WebhookDeliverySQL.insert, [
                    delivery.source.rawValue, delivery.deliveryID, delivery.event, delivery.action,
                    effect.status, effect.error, effect.issueKey, effect.itemUpdatedAt,
                    PostgresJSONText(delivery.headers.serializedString()),
                    PostgresJSONText(delivery.rawBody ?? delivery.payload.serializedString()),
                    isUpsert,
                ])
                guard rows.count == 1 else { return .duplicate }
                let id: Int64 = try rows[0].get("id")
                let deletedBy: String? = try rows[0].get("deleted_by")
                var (status, written) = try withAnomalyPass(for: effect) {
                    try apply(effect, of: delivery, deliveryRowID: id, deletedBy: deletedBy, on: connection)
                }
                if let deliveryConfig = self.delivery, delivery.source == .github,
                   let fed = try GitHubDeliveryEvents(connection: connection, config: deliveryConfig)
                       .apply(event: delivery.event, action: delivery.action, payload: delivery.payload) {
                    (status, written) = try recordDeliveryOutcome(fed, deliveryRowID: id, status: status, written: written)
                }
                if delivery.source == .github, let fed = try CollaborationEvents(connection: connection)
                    .apply(event: delivery.event, action: delivery.action, payload: delivery.payload) {
                    (status, written) = try recordDeliveryOutcome(fed, deliveryRowID: id, status: status, written: written)
                }
                return .recorded(id: id, status: status, written: written)
            }
        }
        // The figures the delivery marked stale, now that its rows are committed: only an upsert
        // or a delete marks any, so the others take no refresh lock.
        guard delivery.source == .jira, case .recorded = outcome else { return outcome }
        switch effect {
        case .upsert(let record): try FlowFigures.refreshStale(issueKeys: [record.issueKey], on: connection)
        case .delete(let key, _): try FlowFigures.refreshStale(issueKeys: [key], on: connection)
        case .ignore, .store, .fail: break
        }
        return outcome
    }

    /// Carries out `effect` inside the caller's transaction and, when it turns out otherwise than
    /// planned (`deletedBy`: a delete of the issue that is as new as this upsert), corrects the
    /// row's status. Returns the final status.
    /// A Jira upsert's changelog items become transition rows as well (+Transitions).
    func apply(_ effect: WebhookEffect, of delivery: WebhookDelivery, deliveryRowID id: Int64, deletedBy: String?,
               on connection: PostgresConnection) throws -> (status: String, written: Bool) {
        switch effect {
        case .upsert(let record):
            if let deletedBy {
                _ = try connection.run(WebhookDeliverySQL.updateOutcome, [
                    id, "ignored", "the issue was deleted by delivery \(deletedBy)", record.issueKey, record.updatedAt,
                ])
                return ("ignored", false)
            }
            let counts = try IssueWriter.write(IssueWriteBatch([record]), runID: nil, origin: .webhook, on: connection)
            // Written even when the issue row was newer already: the entry happened all the same.
            try recordTransitions(of: delivery, issueKey: record.issueKey, deliveryRowID: id, on: connection)
            // Its assignee and Jira comments as edges now: a harvest that finds the row unchanged skips it.
            try CollaborationWriter(connection: connection).deriveIssueEdges(runID: nil, keys: [record.issueKey])
            if record.source == .jira {
                try FlowFigures.markStale(issueKeys: [record.issueKey], on: connection)
            }
            return (effect.status, counts.written > 0)
        case .delete(let key, _):
            let removed = try connection.query(IssueWriteSQL.deleteKeys, [[key]]).affectedRows
            if removed > 0 { try FlowFigures.markStale(issueKeys: [key], on: connection) }
            return (effect.status, removed > 0)
        case .ignore, .store, .fail:
            return (effect.status, false)
        }
    }

    /// A deployment delivery that was only `stored` becomes `applied` or `ignored`; a pull
    /// request keeps its issue outcome and reports a written change.
    func recordDeliveryOutcome(_ outcome: GitHubDeliveryEvents.Outcome, deliveryRowID id: Int64, status: String,
                               written: Bool) throws -> (String, Bool) {
        guard status == "stored" else {
            if case .applied(let wrote) = outcome { return (status, written || wrote) }
            return (status, written)
        }
        switch outcome {
        case .applied(let wrote):
            _ = try connection.run(WebhookDeliverySQL.updateOutcome, [id, "applied", nil as String?, nil as String?, nil as Date?])
            return ("applied", wrote)
        case .ignored(let reason):
            _ = try connection.run(WebhookDeliverySQL.updateOutcome, [id, "ignored", reason, nil as String?, nil as Date?])
            return ("ignored", false)
        }
    }
}
