import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Re-applies stored deliveries, oldest first, with today's interpreter (e.g. after a fix or a
/// scope change). Idempotent: the upsert guard writes nothing a second time, and each delivery's
/// row is updated to its new status in the same transaction as its effect (and, given an
/// `anomalyPass`, the anomaly pass for the issue it writes, as at ingest).
public struct WebhookReplay {
    public struct Summary: Sendable, Equatable {
        public var replayed = 0
        public var written = 0
        /// Count per resulting status.
        public var statuses: [String: Int] = [:]
    }

    let connection: PostgresConnection
    let interpreter: WebhookInterpreter
    let anomalyPass: AnomalyPass?
    /// Set: GitHub deployment and merged pull request deliveries feed the delivery tables again, as at ingest.
    let deliveryConfig: DeliveryConfig?

    public init(connection: PostgresConnection, interpreter: WebhookInterpreter, anomalyPass: AnomalyPass? = nil,
                delivery: DeliveryConfig? = nil) {
        self.connection = connection
        self.interpreter = interpreter
        self.anomalyPass = anomalyPass
        deliveryConfig = delivery
    }

    /// - Parameters:
    ///   - since: only deliveries received at or after this time.
    ///   - deliveryID: only the delivery with this id (from either source).
    public func replay(since: Date?, deliveryID: String?) throws(StoreError) -> Summary {
        let store = WebhookDeliveryStore(connection: connection, anomalyPass: anomalyPass, delivery: deliveryConfig)
        var summary = Summary()
        let rows = try storeCall { try connection.query(WebhookDeliverySQL.selectForReplay, [since, deliveryID]) }
        for row in rows {
            // Generic ingest deliveries (any other source) are applied by DeliveryIngestStore, not here.
            guard let source = WebhookDelivery.Source(rawValue: try storeCall { try row.get("source") as String }) else {
                continue
            }
            let (id, delivery) = try storeCall { () throws -> (Int64, WebhookDelivery) in
                let delivery = WebhookDelivery(
                    source: source, deliveryID: try row.get("delivery_id"), event: try row.get("event"),
                    action: try row.get("action"), headers: try JSONValue.parse(try row.get("headers") as String),
                    payload: try JSONValue.parse(try row.get("body") as String))
                return (try row.get("id"), delivery)
            }
            let effect = interpreter.effect(of: delivery)
            let (status, written) = try storeCall {
                try connection.transaction { connection in
                    _ = try connection.run(WebhookDeliverySQL.updateOutcome,
                                           [id, effect.status, effect.error, effect.issueKey, effect.itemUpdatedAt])
                    var deletedBy: String?
                    if case .upsert(let record) = effect {
                        deletedBy = try connection.run(WebhookDeliverySQL.deletedSince, [
                            delivery.source.rawValue, record.issueKey, record.updatedAt, id,
                        ]).first?.get("delivery_id")
                    }
                    var (status, written) = try store.withAnomalyPass(for: effect) {
                        try store.apply(effect, of: delivery, deliveryRowID: id, deletedBy: deletedBy, on: connection)
                    }
                    if let config = deliveryConfig, source == .github,
                       let fed = try GitHubDeliveryEvents(connection: connection, config: config)
                           .apply(event: delivery.event, action: delivery.action, payload: delivery.payload) {
                        (status, written) = try store.recordDeliveryOutcome(fed, deliveryRowID: id, status: status, written: written)
                    }
                    return (status, written)
                }
            }
            summary.replayed += 1
            if written { summary.written += 1 }
            summary.statuses[status, default: 0] += 1
        }
        return summary
    }
}
