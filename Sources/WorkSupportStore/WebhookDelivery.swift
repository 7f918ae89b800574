import JSON

/// One verified webhook delivery as received: what identifies it and what is kept of it.
public struct WebhookDelivery: Sendable {
    public enum Source: String, Sendable, CaseIterable {
        case github
        case jira
        /// Slack Events API deliveries, stored without message text (SlackEventStore).
        case slack
    }

    public var source: Source
    /// `X-GitHub-Delivery`, `X-Atlassian-Webhook-Identifier`, or the SHA-256 of a Jira body.
    public var deliveryID: String
    /// `X-GitHub-Event`, or the Jira body's `webhookEvent`.
    public var event: String
    /// The payload's `action` (GitHub) or `issue_event_type_name` (Jira).
    public var action: String?
    /// The headers worth keeping (never the signature), as a JSON object.
    public var headers: JSONValue
    /// The parsed body, which the interpreter reads.
    public var payload: JSONValue
    /// The body as received, when it is at hand: stored as jsonb as it is, which keeps numbers as
    /// written and spares serializing `payload` again. Nil stores `payload` serialized.
    public var rawBody: String?

    public init(source: Source, deliveryID: String, event: String, action: String?, headers: JSONValue,
                payload: JSONValue, rawBody: String? = nil) {
        self.source = source
        self.deliveryID = deliveryID
        self.event = event
        self.action = action
        self.headers = headers
        self.payload = payload
        self.rawBody = rawBody
    }
}
