import JSON
import WorkSupportCore
import WorkSupportStore

extension APIApplication {
    /// `POST /api/ingest/jira`: the event is the body's `webhookEvent`; a delivery is identified
    /// by `X-Atlassian-Webhook-Identifier`, or by the SHA-256 of its body when Jira sends none.
    func ingestJira(_ request: APIRequest) throws(APIError) -> APIResponse {
        guard let secret = config.jira?.webhookSecret, !secret.isEmpty else {
            throw APIError(.webhookNotConfigured,
                           "Jira webhooks are not configured here: set jira.webhook_secret (or JIRA_WEBHOOK_SECRET)")
        }
        try WebhookSignature.verify(request.body, header: request.header("x-hub-signature"),
                                    headerName: "X-Hub-Signature", secrets: [secret])
        try Self.requireJSONContentType(request)
        let (payload, text) = try Self.webhookPayload(request)
        guard let event = payload["webhookEvent"]?.stringValue, !event.isEmpty, event.unicodeScalars.count <= 200 else {
            throw APIError(.invalidBody, "the body has no webhookEvent string", parameter: "webhookEvent")
        }
        let identifier = request.header("x-atlassian-webhook-identifier").flatMap { $0.isEmpty ? nil : $0 }
        if let identifier, identifier.unicodeScalars.count > 200 {
            throw APIError(.missingHeader, "the x-atlassian-webhook-identifier header is longer than 200 characters",
                           parameter: "x-atlassian-webhook-identifier")
        }
        let deliveryID = identifier ?? "sha256:" + SecretDigest.sha256Hex(request.body)
        return try ingest(WebhookDelivery(source: .jira, deliveryID: deliveryID, event: event,
                                          action: payload["issue_event_type_name"]?.stringValue,
                                          headers: Self.keptHeaders(request), payload: payload,
                                          rawBody: text))
    }
}
