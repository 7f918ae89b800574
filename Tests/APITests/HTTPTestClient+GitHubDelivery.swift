import API
import TestKit

extension HTTPTestClient {
    /// A GitHub webhook delivery to `/api/ingest/github`, signed with the fixtures' secret.
    func deliverGitHub(_ event: String, _ body: [UInt8], delivery: String) throws -> HTTPTestClient.Response {
        try send("POST", "/api/ingest/github", headers: [
            ("Content-Type", "application/json"), ("X-GitHub-Event", event), ("X-GitHub-Delivery", delivery),
            ("X-Hub-Signature-256", WebhookSignature.sign(body, secret: WebhookFixture.secret)),
        ], body: body)
    }
}
