/// How to reach Slack and what to collect from it (DESIGN.md, "Collaboration"; docs/collaboration.md).
public struct SlackConfig: Sendable, Hashable {
    /// Without trailing slash; the simulator's URL in tests and demos.
    public var apiURL: String
    /// Bot token (`xoxb-…`); the collector runs only when it is set.
    public var token: String?
    /// Signs Events API deliveries (`POST /api/ingest/slack`); unset: the endpoint refuses them.
    public var signingSecret: String?
    /// Channel ids to collect; empty: every channel the bot is a member of.
    public var channels: [String]
    /// Incremental runs re-read this many days before the last run's high-water mark, so that
    /// edits, deletions and late replies inside it are seen.
    public var lookbackDays: Int
    /// Messages (and their interactions) posted longer ago than this are deleted by the harvest
    /// and by `worksupport prune`; a full run reads no further back.
    public var retentionDays: Int

    public static let defaultAPIURL = "https://slack.com/api"

    public init(apiURL: String = SlackConfig.defaultAPIURL, token: String? = nil, signingSecret: String? = nil,
                channels: [String] = [], lookbackDays: Int = 7, retentionDays: Int = 365) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.token = token
        self.signingSecret = signingSecret
        self.channels = channels
        self.lookbackDays = lookbackDays
        self.retentionDays = retentionDays
    }

    /// Whether the collector runs: a token is what every Web API call needs.
    public var collects: Bool { !(token ?? "").isEmpty }
}

extension SlackConfig {
    /// Reads the `slack.*` keys; the caller decides whether the section is configured at all.
    init(reading reader: inout ConfigReader) {
        let defaults = SlackConfig()
        let apiURL = reader.httpURL("slack.api_url", .defaulted(Self.defaultAPIURL)) ?? defaults.apiURL
        let token = reader.string("slack.token", .ifGiven)
        let secret = reader.string("slack.signing_secret", .ifGiven)
        let channels = DeliveryConfig.list(&reader, "slack.channels", fallback: [])
        if let value = reader.values["slack.channels"] {
            for channel in channels where !Self.isChannelID(channel) {
                reader.reportInvalid(.invalidIdentifier, key: "slack.channels", value: value,
                                     "'\(channel.prefix(40))' is not a Slack channel id (C…, G… or D…, upper-case letters and digits)")
            }
        }
        let lookback = reader.integer("slack.lookback_days", default: defaults.lookbackDays, range: 0...90)
        let retention = reader.integer("slack.retention_days", default: defaults.retentionDays, range: 1...3650)
        if retention <= lookback, let value = reader.values["slack.retention_days"] ?? reader.values["slack.lookback_days"] {
            let key = reader.values["slack.retention_days"] != nil ? "slack.retention_days" : "slack.lookback_days"
            reader.reportInvalid(.outOfRange, key: key, value: value,
                                 "slack.retention_days (\(retention)) must be longer than slack.lookback_days (\(lookback))")
        }
        self.init(apiURL: apiURL, token: token, signingSecret: secret, channels: channels, lookbackDays: lookback,
                  retentionDays: retention)
    }

    static func isChannelID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "CGD".unicodeScalars.contains(first), text.unicodeScalars.count >= 2,
              text.unicodeScalars.count <= 40 else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
