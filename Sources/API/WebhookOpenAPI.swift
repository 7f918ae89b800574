import JSON

/// The two ingest operations of the OpenAPI document (authenticated by signature, not key).
extension OpenAPIDocument {
    static let webhookResult = S.object([
        ("status", S.enumeration(["applied", "ignored", "stored", "failed", "duplicate"])),
        ("delivery_id", S.string), ("event", S.string), ("id", S.integer), ("written", S.boolean),
        ("issue_key", S.string), ("reason", S.string), ("error", S.string),
    ], optional: ["id", "written", "issue_key", "reason", "error"])

    static func webhookOperation(_ id: String, _ summary: String, headers: [(String, String, Bool)]) -> JSONValue {
        let content: JSONValue = ["application/json": ["schema": webhookResult]]
        return operation(
            id, summary,
            parameters: headers.map { S.parameter($0.0, in: "header", S.string, $0.1, required: $0.2) },
            responses: [("200", ["description": "Handled: applied, ignored (outside the harvest scope), duplicate, or ping",
                                 "content": content]),
                        ("202", ["description": "Stored raw, not applied (other events, or failed to apply)",
                                 "content": content])],
            errors: [400, 401, 413, 415], authenticated: false,
            requestBody: ["required": true, "content": ["application/json": ["schema": ["type": "object"]]]])
    }

    static let webhookPaths: [(String, JSONValue)] = [
        ("/api/ingest/github", ["post": webhookOperation(
            "ingestGitHubWebhook", "GitHub webhook delivery; 503 webhook_not_configured without github.webhook_secret.",
            headers: [("X-Hub-Signature-256", "sha256=<hex HMAC-SHA256 of the body>", true),
                      ("X-GitHub-Event", "Event name (issues, pull_request, ping, push, …).", true),
                      ("X-GitHub-Delivery", "Delivery GUID; a redelivery answers duplicate.", true)])]),
        ("/api/ingest/jira", ["post": webhookOperation(
            "ingestJiraWebhook", "Jira Cloud webhook delivery; 503 webhook_not_configured without jira.webhook_secret.",
            headers: [("X-Hub-Signature", "sha256=<hex HMAC-SHA256 of the body>", true),
                      ("X-Atlassian-Webhook-Identifier", "Delivery id; without it the body's SHA-256 is the id.", false)])]),
    ]
}
