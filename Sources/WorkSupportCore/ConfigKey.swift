/// A fixed key of the properties file. Team members and issue types use key patterns instead
/// (`team.member.<id>.<field>`, `issue_type.<id>.<field>`), see `ConfigKeyPattern`.
struct ConfigKey: Sendable, Hashable {
    var name: String
    /// Secrets are masked in `effectiveSettings` and never quoted in error messages.
    var isSecret: Bool = false
    /// The environment variable that overrides the file, if any.
    var environmentVariable: String? = nil

    static let all: [ConfigKey] = [
        ConfigKey(name: "jira.base_url"),
        ConfigKey(name: "jira.email"),
        ConfigKey(name: "jira.api_token", isSecret: true, environmentVariable: "JIRA_API_TOKEN"),
        ConfigKey(name: "jira.root_jql"),
        ConfigKey(name: "jira.issue_label"),
        ConfigKey(name: "jira.epic_link_field"),
        ConfigKey(name: "jira.page_size"),
        ConfigKey(name: "jira.webhook_secret", isSecret: true, environmentVariable: "JIRA_WEBHOOK_SECRET"),
        ConfigKey(name: "github.api_url"),
        ConfigKey(name: "github.token", isSecret: true, environmentVariable: "GITHUB_TOKEN"),
        ConfigKey(name: "github.issue_label"),
        ConfigKey(name: "github.webhook_secret", isSecret: true, environmentVariable: "GITHUB_WEBHOOK_SECRET"),
        ConfigKey(name: "github.webhook_secret_previous", isSecret: true),
        ConfigKey(name: "github.repos"),
        ConfigKey(name: "harvest.interval_hours"),
        ConfigKey(name: "harvest.retention_days"),
        ConfigKey(name: "harvest.batch_size"),
        ConfigKey(name: "harvest.overlap_minutes"),
        ConfigKey(name: "harvest.max_attempts"),
        ConfigKey(name: "harvest.timeout_seconds"),
        ConfigKey(name: "harvest.start_command"),
        ConfigKey(name: "database.url", environmentVariable: "WORKSUPPORT_DATABASE_URL"),
        ConfigKey(name: "database.read_url", environmentVariable: "WORKSUPPORT_DATABASE_READ_URL"),
        ConfigKey(name: "api.workers"),
        ConfigKey(name: "api.socket"),
        ConfigKey(name: "api.max_requests"),
        ConfigKey(name: "api.request_timeout_seconds"),
        ConfigKey(name: "api.slowlog_ms"),
        ConfigKey(name: "api.max_body_bytes"),
        ConfigKey(name: "anomaly.stale_days"),
        ConfigKey(name: "release.label_pattern"),
        ConfigKey(name: "retention.deliveries_days"),
        ConfigKey(name: "dora.production_environments"),
        ConfigKey(name: "dora.backfill_days"),
        ConfigKey(name: "dora.incident_label"),
        ConfigKey(name: "dora.incident_jql"),
        ConfigKey(name: "dora.incident_window_hours"),
        ConfigKey(name: "slack.api_url"),
        ConfigKey(name: "slack.token", isSecret: true, environmentVariable: "SLACK_TOKEN"),
        ConfigKey(name: "slack.signing_secret", isSecret: true, environmentVariable: "SLACK_SIGNING_SECRET"),
        ConfigKey(name: "slack.channels"),
        ConfigKey(name: "slack.lookback_days"),
        ConfigKey(name: "slack.retention_days"),
    ]

    static let byName: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static let secretNames: Set<String> = Set(all.filter(\.isSecret).map(\.name))
}
