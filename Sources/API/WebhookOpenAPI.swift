import JSON

/// The two ingest operations of the OpenAPI document (authenticated by signature, not key).
extension OpenAPIDocument {
    static let webhookResult = S.object([
        ("status", S.enumeration(["applied", "ignored", "stored", "failed", "duplicate"])),
        ("delivery_id", S.string), ("event", S.string), ("id", S.integer), ("written", S.boolean),
        ("issue_key", S.string), ("reason", S.string), ("error", S.string),
    ], optional: ["id", "written", "issue_key", "reason", "error"])

    /// A delivery header the API requires non-blank and at most 200 characters.
    static let deliveryHeader: JSONValue = ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"]

    static func webhookOperation(_ id: String, _ summary: String, headers: [(String, JSONValue, String, Bool)],
                                 body: JSONValue = ["type": "object"]) -> JSONValue {
        let content: JSONValue = ["application/json": ["schema": webhookResult]]
        return operation(
            id, summary,
            parameters: headers.map { S.parameter($0.0, in: "header", $0.1, $0.2, required: $0.3) },
            responses: [("200", ["description": "Handled: applied, ignored (outside the harvest scope), duplicate, or ping",
                                 "content": content]),
                        ("202", ["description": "Stored raw, not applied (other events, or failed to apply)",
                                 "content": content])],
            errors: [400, 401, 413, 415], authenticated: false,
            requestBody: ["required": true, "content": ["application/json": ["schema": body]]])
    }

    static let webhookPaths: [(String, JSONValue)] = [
        ("/api/ingest/github", ["post": webhookOperation(
            "ingestGitHubWebhook", "GitHub webhook delivery; 503 webhook_not_configured without github.webhook_secret.",
            headers: [("X-Hub-Signature-256", S.string, "sha256=<hex HMAC-SHA256 of the body>", true),
                      ("X-GitHub-Event", deliveryHeader, "Event name (issues, pull_request, ping, push, …).", true),
                      ("X-GitHub-Delivery", deliveryHeader, "Delivery GUID; a redelivery answers duplicate.", true)])]),
        ("/api/ingest/jira", ["post": webhookOperation(
            "ingestJiraWebhook", "Jira Cloud webhook delivery; 503 webhook_not_configured without jira.webhook_secret.",
            headers: [("X-Hub-Signature", S.string, "sha256=<hex HMAC-SHA256 of the body>", true),
                      ("X-Atlassian-Webhook-Identifier", ["type": "string", "maxLength": 200],
                       "Delivery id; without it (or empty) the body's SHA-256 is the id.", false)],
            body: ["type": "object", "required": ["webhookEvent"],
                   "properties": ["webhookEvent": ["type": "string", "minLength": 1, "maxLength": 200]]])]),
    ]
}
