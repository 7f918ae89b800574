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
        ("/api/ingest/slack", ["post": slackEventsOperation]),
    ]

    /// Slack's Events API: another answer shape (the challenge, or the event's outcome).
    static let slackEventsOperation: JSONValue = operation(
        "ingestSlackEvent",
        "Slack Events API delivery (url_verification, or an event_callback: message, message_changed, message_deleted, "
            + "reaction_added, reaction_removed). Stored raw without message text, deduplicated on event_id, applied. "
            + "401 for a bad signature or a timestamp more than 5 minutes off; 503 webhook_not_configured without slack.signing_secret.",
        parameters: [
            S.parameter("X-Slack-Request-Timestamp", in: "header", S.string, "Seconds since the epoch the request was signed at.", required: true),
            S.parameter("X-Slack-Signature", in: "header", S.string, "v0=<hex HMAC-SHA256 of v0:{timestamp}:{body}>", required: true),
            S.parameter("X-Slack-Retry-Num", in: "header", S.string, "Set on Slack's retries; a retried event answers duplicate.", required: false),
        ],
        responses: [("200", ["description": "The url_verification challenge, or the event's outcome", "content": [
            "application/json": ["schema": ["oneOf": [
                S.object([("challenge", S.string)]),
                S.object([("status", S.enumeration(["applied", "ignored", "duplicate"])), ("event_id", S.string),
                          ("event", S.string), ("id", S.integer), ("reason", S.string)],
                         optional: ["event_id", "event", "id", "reason"]),
            ]]]]])],
        errors: [400, 401, 413, 415], authenticated: false,
        requestBody: ["required": true, "content": ["application/json": ["schema": [
            "type": "object", "required": ["type"],
            "properties": ["type": ["type": "string"], "challenge": ["type": "string"], "event_id": ["type": "string"],
                           "event": ["type": "object"]]]]]])
}
