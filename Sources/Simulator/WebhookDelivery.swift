import Digest

/// One signed webhook request, ready to send.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Source: String, Sendable {
        case github, jira, slack
    }

    public var source: Source
    /// `issues`, `pull_request`, `ping` (GitHub) or `jira:issue_updated` etc.
    public var event: String
    public var action: String?
    public var deliveryID: String
    public var issueKey: String?
    public var body: [UInt8]
    public var headers: [(String, String)]

    public static func == (lhs: WebhookDelivery, rhs: WebhookDelivery) -> Bool {
        lhs.source == rhs.source && lhs.event == rhs.event && lhs.deliveryID == rhs.deliveryID
            && lhs.body == rhs.body && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }

    /// `sha256=<hex HMAC-SHA256 of the exact body>`, as GitHub and Jira send it.
    public static func signature(_ body: [UInt8], secret: String) -> String {
        "sha256=" + SHA256Digest.hmac(key: Array(secret.utf8), message: body).hexString
    }

    /// The ingest path on WorkSupport.
    public var path: String { "/api/ingest/\(source.rawValue)" }
}
