import Postgres

/// Acknowledging and reopening anomalies from the dashboard (write connection).
public struct AnomalyTriageStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Marks the anomaly acknowledged now by `by`, with `note`, as of its current details.
    /// False when there is no anomaly with this id.
    public func acknowledge(id: Int64, by: String, note: String) throws(StoreError) -> Bool {
        try storeCall { try connection.run(Self.acknowledgeSQL, [id, by, note]).affectedRows > 0 }
    }

    /// Takes the acknowledgement back (the note stays, as a record of what was said). False when
    /// there is no anomaly with this id.
    public func reopen(id: Int64) throws(StoreError) -> Bool {
        try storeCall { try connection.run(Self.reopenSQL, [id]).affectedRows > 0 }
    }

    static let acknowledgeSQL = StoreStatement(name: "ui_anomaly_acknowledge", sql: """
        UPDATE anomalies SET acknowledged_at = now(), acknowledged_by = $2, note = $3,
                             acknowledged_occurrences = occurrences, acknowledged_details = details
        WHERE id = $1
        """)

    static let reopenSQL = StoreStatement(name: "ui_anomaly_reopen", sql: """
        UPDATE anomalies SET acknowledgement_ended_at = CASE WHEN acknowledged_at IS NULL THEN acknowledgement_ended_at ELSE now() END,
                             acknowledgement_end = CASE WHEN acknowledged_at IS NULL THEN acknowledgement_end ELSE 'reopened' END,
                             acknowledged_at = NULL
        WHERE id = $1
        """)
}
