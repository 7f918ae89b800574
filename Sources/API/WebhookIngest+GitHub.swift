import WorkSupportStore

extension APIApplication {
    /// `POST /api/ingest/github`: signature, content type, event and delivery headers, JSON, then
    /// the delivery is stored and applied.
    func ingestGitHub(_ request: APIRequest) throws(APIError) -> APIResponse {
        guard let github = config.github, let secret = github.webhookSecret, !secret.isEmpty else {
            throw APIError(.webhookNotConfigured,
                           "GitHub webhooks are not configured here: set github.webhook_secret (or GITHUB_WEBHOOK_SECRET)")
        }
        try WebhookSignature.verify(request.body, header: request.header("x-hub-signature-256"),
                                    headerName: "X-Hub-Signature-256",
                                    secrets: [secret] + (github.previousWebhookSecret.map { [$0] } ?? []))
        try Self.requireJSONContentType(request)
        let event = try Self.requiredHeader(request, "x-github-event")
        let deliveryID = try Self.requiredHeader(request, "x-github-delivery")
        let (payload, text) = try Self.webhookPayload(request)
        return try ingest(WebhookDelivery(source: .github, deliveryID: deliveryID, event: event,
                                          action: payload["action"]?.stringValue,
                                          headers: Self.keptHeaders(request), payload: payload,
                                          rawBody: text))
    }
}
