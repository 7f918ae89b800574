/// The whole configuration: the properties file with environment overrides applied, validated.
///
/// Pure: the caller reads the file and the environment and passes both in.
public struct WorkSupportConfig: Sendable {
    public var team: [TeamMember]
    /// nil when the file has no `jira.*` key.
    public var jira: JiraConfig?
    /// nil when the file has no `github.*` key other than `github.api_url`.
    public var github: GitHubConfig?
    public var harvest: HarvestConfig
    public var database: DatabaseConfig
    public var api: APIConfig
    public var anomaly: AnomalyConfig
    public var release: ReleaseConfig
    public var retention: RetentionConfig
    /// `github.repos` and `dora.*`: what the delivery metrics collect and how they decide.
    public var delivery: DeliveryConfig
    public var issueTypes: IssueTypeHierarchy
    /// nil when the file has no `slack.*` key.
    public var slack: SlackConfig? = nil
    /// Every effective value with its origin, unmasked, in catalog order.
    let settings: [ConfigSetting]

    /// Environment variables that override a file key (empty values are ignored).
    public static let environmentOverrides: [(variable: String, key: String)] =
        ConfigKey.all.compactMap { key in key.environmentVariable.map { ($0, key.name) } }

    /// The configuration, or the first problem by line order (problems without a line come last).
    public static func parse(text: String, file: String,
                             environment: [String: String]) throws(ConfigError) -> WorkSupportConfig {
        let result = check(text: text, file: file, environment: environment)
        if let config = result.config { return config }
        throw result.errors[0]
    }

    /// The configuration and every problem found, for `worksupport config check`.
    public static func check(text: String, file: String, environment: [String: String]) -> ConfigParseResult {
        let document = PropertiesDocument(parsing: text, file: file)
        var errors = document.errors
        var values: [String: ConfigReader.Value] = [:]
        for entry in document.entries {
            do throws(ConfigError) {
                try ConfigKeyPattern.validate(entry.key, line: entry.line, file: file)
                values[entry.key] = ConfigReader.Value(text: entry.value, origin: .file(file, line: entry.line))
            } catch {
                errors.append(error)
            }
        }
        for (variable, key) in environmentOverrides {
            // Trimmed because credential files often end with a newline.
            guard let text = environment[variable]?.trimmingWhitespace(), !text.isEmpty else { continue }
            values[key] = ConfigReader.Value(text: String(text), origin: .environment(variable))
        }

        // A section is configured by the file; secrets in the environment alone do not switch it on.
        let fileKeys = document.entries.map(\.key)
        let hasJira = fileKeys.contains { $0.hasPrefix("jira.") }
        let hasGitHub = fileKeys.contains { $0.hasPrefix("github.") && $0 != "github.api_url" }
        let hasSlack = fileKeys.contains { $0.hasPrefix("slack.") }

        var reader = ConfigReader(file: file, values: values)
        let team = TeamMember.readTeam(from: &reader)
        let jira = hasJira ? JiraConfig(reading: &reader) : nil
        let github = hasGitHub ? GitHubConfig(reading: &reader) : nil
        let harvest = HarvestConfig(reading: &reader)
        let database = DatabaseConfig(reading: &reader)
        let api = APIConfig(reading: &reader)
        let anomaly = AnomalyConfig(reading: &reader)
        let release = ReleaseConfig(reading: &reader)
        let retention = RetentionConfig(reading: &reader)
        let delivery = DeliveryConfig(reading: &reader)
        let issueTypes = IssueTypeHierarchy.read(from: &reader)
        let slack = hasSlack ? SlackConfig(reading: &reader) : nil
        errors += reader.errors

        guard errors.isEmpty, let database else {
            return ConfigParseResult(config: nil, errors: sortedByLine(errors))
        }
        var config = WorkSupportConfig(
            team: team, jira: jira, github: github, harvest: harvest, database: database, api: api,
            anomaly: anomaly, release: release, retention: retention, delivery: delivery, issueTypes: issueTypes,
            settings: reader.settings)
        config.slack = slack
        return ConfigParseResult(config: config, errors: [])
    }

    /// Line order, lineless problems last, otherwise in the order they were found.
    private static func sortedByLine(_ errors: [ConfigError]) -> [ConfigError] {
        errors.enumerated()
            .sorted { ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset) }
            .map(\.element)
    }
}
