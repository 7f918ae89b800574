import Digest
import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// Records a generic ingest delivery (`POST /api/ingest/{source}`) raw in `webhook_deliveries`
/// and applies it to `deployments` or `incidents` in the same transaction. The delivery id is the
/// body's kind and id with a digest of the body: a repeat of the same body is a duplicate and
/// changes nothing; a different body for the same id is a new delivery that updates the row.
public struct DeliveryIngestStore {
    public enum Outcome: Sendable, Equatable {
        /// Stored and applied; `written` when the deployment or incident row changed. `rowID` is
        /// the `deployments.id` or `incidents.id`.
        case applied(deliveryRowID: Int64, rowID: Int64?, written: Bool)
        /// Refused (422): stored raw with status `failed`, nothing else written.
        case failed(deliveryRowID: Int64)
        /// This very body was stored before.
        case duplicate
    }

    let connection: PostgresConnection
    let config: DeliveryConfig

    public init(connection: PostgresConnection, config: DeliveryConfig) {
        self.connection = connection
        self.config = config
    }

    /// - Parameters:
    ///   - parsed: the body's event, or why it was refused.
    ///   - rawBody: the body as received (valid JSON text), stored as it is.
    public func record(source: String, parsed: Result<IngestEvent, IngestBodyError>, headers: JSONValue,
                       rawBody: String) throws(StoreError) -> Outcome {
        let digest = SHA256Digest.hash(Array(rawBody.utf8)).hexString
        let (deliveryID, event, status, error): (String, String, String, String?) = switch parsed {
        case .success(let event): ("\(event.kind):\(event.id):\(digest.prefix(32))", event.kind, "applied", nil)
        case .failure(let problem): ("invalid:\(digest)", "invalid", "failed", problem.description)
        }
        return try storeCall {
            try connection.transaction { connection in
                let rows = try connection.run(WebhookDeliverySQL.insert, [
                    source, deliveryID, event, nil as String?, status, error, nil as String?, nil as Date?,
                    PostgresJSONText(headers.serializedString()), PostgresJSONText(rawBody), false,
                ])
                guard let row = rows.first else { return .duplicate }
                let deliveryRowID: Int64 = try row.get("id")
                guard case .success(let event) = parsed else { return .failed(deliveryRowID: deliveryRowID) }
                let writer = DeliveryWriter(connection: connection, config: config)
                let (rowID, written) = try writer.apply(event, source: source, rawBody: rawBody)
                return .applied(deliveryRowID: deliveryRowID, rowID: rowID, written: written)
            }
        }
    }
}
