/// How to reach GitHub and which issues and pull requests to harvest from it.
public struct GitHubConfig: Sendable, Hashable {
    /// Without trailing slash; GitHub Enterprise uses `https://HOST/api/v3`.
    public var apiURL: String
    public var token: String?
    public var issueLabel: String
    public var webhookSecret: String?
    /// The secret being rotated out; deliveries signed with it are still accepted.
    public var previousWebhookSecret: String?

    public static let defaultAPIURL = "https://api.github.com"

    public init(apiURL: String = GitHubConfig.defaultAPIURL, token: String? = nil, issueLabel: String,
                webhookSecret: String? = nil, previousWebhookSecret: String? = nil) {
        self.apiURL = apiURL
        self.token = token
        self.issueLabel = issueLabel
        self.webhookSecret = webhookSecret
        self.previousWebhookSecret = previousWebhookSecret
    }
}

extension GitHubConfig {
    /// Reads the `github.*` keys; the caller decides whether the section is configured at all.
    init?(reading reader: inout ConfigReader) {
        let apiURL = reader.httpURL("github.api_url", .defaulted(Self.defaultAPIURL))
        let token = reader.string("github.token", .ifGiven)
        let issueLabel = reader.string("github.issue_label", .required)
        let webhookSecret = reader.string("github.webhook_secret", .ifGiven)
        let previousWebhookSecret = reader.string("github.webhook_secret_previous", .optional)
        guard let apiURL, let issueLabel else { return nil }
        self.init(apiURL: apiURL, token: token, issueLabel: issueLabel, webhookSecret: webhookSecret,
                  previousWebhookSecret: previousWebhookSecret)
    }
}
