/// The statements of `WebhookDeliveryStore`.
enum WebhookDeliverySQL {
    /// Nothing when the (source, delivery_id) pair is known: a redelivery, or the same delivery
    /// racing on another worker (which then waits for the first to commit).
    ///
    /// For an upsert (`$11`) it also answers, in the same round trip, whether a delete applied
    /// for this key by a delivery whose item is as new as `$8` (or undated) is stored: an older
    /// upsert arriving late must not bring the issue back. The check reads the snapshot from
    /// before the insert, so the new row never finds itself.
    static let insert = StoreStatement(name: "webhook_delivery_insert", sql: """
        WITH inserted AS (
            INSERT INTO webhook_deliveries
                (source, delivery_id, event, action, status, error, issue_key, item_updated_at, headers, body)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)
            ON CONFLICT (source, delivery_id) DO NOTHING
            RETURNING id
        )
        SELECT id, CASE WHEN $11::boolean THEN (\(appliedDelete(source: "$1", key: "$7", itemUpdatedAt: "$8")) LIMIT 1) END
                   AS deleted_by
        FROM inserted
        """)

    /// The replay's form of the same check: the delivery's own row is there already.
    static let deletedSince = StoreStatement(name: "webhook_delivery_deleted_since", sql: """
        \(appliedDelete(source: "$1", key: "$2", itemUpdatedAt: "$3")) AND d.id <> $4 LIMIT 1
        """)

    /// The first delivery id of an applied delete of `key` whose item is as new as
    /// `itemUpdatedAt` or undated (parameter references such as `$7`).
    static func appliedDelete(source: String, key: String, itemUpdatedAt: String) -> String { """
        SELECT d.delivery_id FROM webhook_deliveries d
        WHERE d.source = \(source) AND d.issue_key = \(key) AND \(isAppliedDelete("d"))
          AND (d.item_updated_at IS NULL OR d.item_updated_at >= \(itemUpdatedAt))
        """
    }

    /// A delivery that deleted its issue (the condition of index webhook_deliveries_applied_deletes,
    /// migration 0008). Retention keeps these rows: the check above reads them.
    static func isAppliedDelete(_ alias: String) -> String {
        "\(alias).status = 'applied' AND ((\(alias).event = 'issues' AND \(alias).action IN ('deleted', 'transferred')) OR \(alias).event = 'jira:issue_deleted')"
    }

    static let updateOutcome = StoreStatement(name: "webhook_delivery_outcome", sql: """
        UPDATE webhook_deliveries SET status = $2, error = $3, issue_key = $4, item_updated_at = $5
        WHERE id = $1
        """)

    /// What a replay re-reads, oldest first.
    static let selectForReplay = """
        SELECT id, source, delivery_id, event, action, headers::text AS headers, body::text AS body
        FROM webhook_deliveries
        WHERE ($1::timestamptz IS NULL OR received_at >= $1)
          AND ($2::text IS NULL OR delivery_id = $2)
        ORDER BY received_at, id
        """
}
