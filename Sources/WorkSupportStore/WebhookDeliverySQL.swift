/// The statements of `WebhookDeliveryStore`.
enum WebhookDeliverySQL {
    /// Nothing when the (source, delivery_id) pair is known: a redelivery, or the same delivery
    /// racing on another worker (which then waits for the first to commit).
    static let insert = """
        INSERT INTO webhook_deliveries
            (source, delivery_id, event, action, status, error, issue_key, item_updated_at, headers, body)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)
        ON CONFLICT (source, delivery_id) DO NOTHING
        RETURNING id
        """

    static let updateOutcome = """
        UPDATE webhook_deliveries SET status = $2, error = $3, issue_key = $4, item_updated_at = $5
        WHERE id = $1
        """

    /// A delete applied for this key by a delivery whose item is as new as `$3` (or undated): an
    /// older upsert arriving late must not bring the issue back.
    static let deletedSince = """
        SELECT delivery_id FROM webhook_deliveries
        WHERE source = $1 AND issue_key = $2 AND status = 'applied' AND id <> $4
          AND ((event = 'issues' AND action IN ('deleted', 'transferred')) OR event = 'jira:issue_deleted')
          AND (item_updated_at IS NULL OR item_updated_at >= $3)
        LIMIT 1
        """

    /// What a replay re-reads, oldest first.
    static let selectForReplay = """
        SELECT id, source, delivery_id, event, action, headers::text AS headers, body::text AS body
        FROM webhook_deliveries
        WHERE ($1::timestamptz IS NULL OR received_at >= $1)
          AND ($2::text IS NULL OR delivery_id = $2)
        ORDER BY received_at, id
        """
}
