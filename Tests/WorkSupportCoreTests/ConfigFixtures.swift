@testable import WorkSupportCore

/// Shared inputs for the configuration tests.
enum ConfigFixtures {
    static let file = "worksupport.properties"

    /// DESIGN.md's sample, verbatim.
    static let designSample = """
        team.member.jdoe.name=John Doe
        team.member.jdoe.jira_id=557058:1b2c...        # Jira accountId (or e-mail on Server/DC)
        team.member.jdoe.github_id=john-doe
        jira.base_url=https://company.atlassian.net
        jira.email=bot@company.com
        jira.root_jql=project in (IAIPORT, AIPRDV) AND type = "Product Version" AND labels = SE_product_family
        jira.issue_label=work-support
        jira.epic_link_field=customfield_10014          # optional: company-managed epic link
        github.api_url=https://api.github.com
        github.issue_label=work-support
        harvest.interval_hours=2
        harvest.retention_days=90
        database.url=postgresql:///worksupport
        issue_type.10004.name=Product Version
        issue_type.10004.children=10000,11140
        issue_type.10000.name=Feature
        issue_type.10000.children=10101,10104
        issue_type.11140.name=Customer Adoption
        issue_type.11140.children=10101
        issue_type.10101.name=Story
        issue_type.10104.name=Task
        """

    /// The smallest valid file.
    static let minimal = "database.url=postgresql:///worksupport\n"

    /// Parses lines joined with newlines, so a test can see which line a key sits on.
    static func parse(_ lines: [String], environment: [String: String] = [:]) throws(ConfigError) -> WorkSupportConfig {
        try WorkSupportConfig.parse(text: lines.joined(separator: "\n"), file: file, environment: environment)
    }

    /// The description of the error `parse` reports, or nil when the file is valid.
    static func firstError(_ lines: [String], environment: [String: String] = [:]) -> String? {
        do {
            _ = try parse(lines, environment: environment)
            return nil
        } catch {
            return error.description
        }
    }

    /// Every error description `check` reports.
    static func allErrors(_ lines: [String], environment: [String: String] = [:]) -> [String] {
        WorkSupportConfig.check(text: lines.joined(separator: "\n"), file: file, environment: environment)
            .errors.map(\.description)
    }

    static func setting(_ key: String, in config: WorkSupportConfig, maskSecrets: Bool = true) -> ConfigSetting? {
        config.effectiveSettings(maskSecrets: maskSecrets).first { $0.key == key }
    }
}
