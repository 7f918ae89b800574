import WorkSupportStore

/// Webhook outcomes per source, in counter slots from `MetricLayout.webhookBase`, 16 a source
/// and the generic ingest's 16 after them, rendered as
/// `worksupport_webhook_deliveries_total{source,outcome}`. Rejections are counted
/// here because a refused delivery leaves nothing in the database.
enum WebhookMetrics {
    static let base = MetricLayout.webhookBase
    static let slotsPerSource = 16
    static let outcomes = ["applied", "ignored", "stored", "failed", "duplicate",
                           "rejected_signature", "rejected_header", "rejected_body", "rejected_content_type",
                           "rejected_too_large", "not_configured", "database_error"]

    static func index(source: WebhookDelivery.Source, outcome: String) -> Int {
        let sourceSlot = WebhookDelivery.Source.allCases.firstIndex(of: source) ?? 0
        return base + sourceSlot * slotsPerSource + (outcomes.firstIndex(of: outcome) ?? outcomes.count)
    }

    /// The generic ingest (`POST /api/ingest/{source}`) counts under one label, `source="generic"`,
    /// in the slots after the signed sources': its source names are the senders' own, unbounded.
    static let genericSource = "generic"
    static let genericOutcomes = ["applied", "duplicate", "failed", "rejected_key", "rejected_path", "rejected_body",
                                  "rejected_content_type", "rejected_too_large", "database_error"]

    static func genericIndex(outcome: String) -> Int {
        base + WebhookDelivery.Source.allCases.count * slotsPerSource
            + (genericOutcomes.firstIndex(of: outcome) ?? genericOutcomes.count)
    }

    /// The outcome label of a refused generic ingest request; `failed` is the 422 whose raw body
    /// was kept.
    static func genericRejection(_ code: APIError.Code) -> String {
        switch code {
        case .unauthorized: "rejected_key"
        case .invalidPath: "rejected_path"
        case .invalidBody, .invalidParameter, .unknownParameter: "rejected_body"
        case .unsupportedMediaType: "rejected_content_type"
        case .payloadTooLarge: "rejected_too_large"
        case .unprocessable: "failed"
        default: "database_error"
        }
    }

    static func source(of route: Route) -> WebhookDelivery.Source? {
        switch route {
        case .ingestGitHub: .github
        case .ingestJira: .jira
        case .ingestSlack: .slack
        default: nil
        }
    }

    /// The outcome label of a refused ingest request.
    static func rejection(_ code: APIError.Code) -> String {
        switch code {
        case .invalidSignature, .unauthorized: "rejected_signature"
        case .missingHeader: "rejected_header"
        case .invalidBody, .invalidParameter, .unknownParameter, .invalidPath: "rejected_body"
        case .unsupportedMediaType: "rejected_content_type"
        case .payloadTooLarge: "rejected_too_large"
        case .webhookNotConfigured: "not_configured"
        default: "database_error"
        }
    }

    static func render(_ total: (Int) -> UInt64) -> String {
        var out = """
            # HELP worksupport_webhook_deliveries_total Webhook deliveries by source and outcome (rejected_* stored nothing).
            # TYPE worksupport_webhook_deliveries_total counter

            """
        for source in WebhookDelivery.Source.allCases {
            for outcome in outcomes {
                out += "worksupport_webhook_deliveries_total{source=\"\(source.rawValue)\",outcome=\"\(outcome)\"} \(total(index(source: source, outcome: outcome)))\n"
            }
        }
        for outcome in genericOutcomes {
            out += "worksupport_webhook_deliveries_total{source=\"\(genericSource)\",outcome=\"\(outcome)\"} \(total(genericIndex(outcome: outcome)))\n"
        }
        return out
    }
}
