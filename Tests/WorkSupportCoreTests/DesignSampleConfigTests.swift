import Testing
@testable import WorkSupportCore

/// DESIGN.md's sample file parses into exactly the values it states, with defaults elsewhere.
struct DesignSampleConfigTests {
    let config: WorkSupportConfig

    init() throws {
        config = try WorkSupportConfig.parse(text: ConfigFixtures.designSample, file: ConfigFixtures.file,
                                             environment: [:])
    }

    @Test func teamMemberHasNameAndBothAccountsWithoutTheInlineComment() {
        #expect(config.team == [TeamMember(id: "jdoe", name: "John Doe", jiraID: "557058:1b2c...", githubID: "john-doe")])
    }

    @Test func jiraSectionHasEveryGivenValueAndDefaultPageSize() throws {
        let jira = try #require(config.jira)
        #expect(jira.baseURL == "https://company.atlassian.net")
        #expect(jira.email == "bot@company.com")
        #expect(jira.rootJQL == #"project in (IAIPORT, AIPRDV) AND type = "Product Version" AND labels = SE_product_family"#)
        #expect(jira.issueLabel == "work-support")
        #expect(jira.epicLinkField == "customfield_10014")
        #expect(jira.pageSize == 100)
        #expect(jira.apiToken == nil)
        #expect(jira.webhookSecret == nil)
    }

    @Test func githubSectionHasURLAndLabelAndNoSecrets() throws {
        let github = try #require(config.github)
        #expect(github.apiURL == "https://api.github.com")
        #expect(github.issueLabel == "work-support")
        #expect(github.token == nil)
        #expect(github.webhookSecret == nil)
        #expect(github.previousWebhookSecret == nil)
    }

    @Test func harvestUsesGivenIntervalAndRetentionAndDefaultsForTheRest() {
        #expect(config.harvest == HarvestConfig(intervalHours: 2, retentionDays: 90, batchSize: 500,
                                                overlapMinutes: 10, maxAttempts: 5, timeoutSeconds: 30,
                                                startCommand: nil))
    }

    @Test func databaseURLIsTheGivenURI() {
        #expect(config.database.url == "postgresql:///worksupport")
    }

    @Test func apiAnomalyAndReleaseSectionsUseDefaults() {
        #expect(config.api == APIConfig(workers: 0, socketPath: "/run/worksupport/api.sock", maxRequests: 10_000,
                                        requestTimeoutSeconds: 30, slowlogMilliseconds: 1_000,
                                        maxBodyBytes: 1_048_576))
        #expect(config.anomaly.staleDays == 14)
        #expect(config.release.labelPattern == "^release-(.+)$")
    }

    @Test func issueTypesAreTheSampleHierarchyInFileOrder() {
        #expect(config.issueTypes.types == [
            IssueType(id: 10004, name: "Product Version", childIDs: [10000, 11140]),
            IssueType(id: 10000, name: "Feature", childIDs: [10101, 10104]),
            IssueType(id: 11140, name: "Customer Adoption", childIDs: [10101]),
            IssueType(id: 10101, name: "Story"),
            IssueType(id: 10104, name: "Task"),
        ])
    }

    @Test func fileValuesReportTheirLineAsOrigin() {
        #expect(ConfigFixtures.setting("jira.root_jql", in: config)?.origin.description == "worksupport.properties:6")
        #expect(ConfigFixtures.setting("database.url", in: config)?.origin == .file("worksupport.properties", line: 13))
    }

    @Test func defaultedValuesReportDefaultOrigin() {
        let batchSize = ConfigFixtures.setting("harvest.batch_size", in: config)
        #expect(batchSize?.value == "500")
        #expect(batchSize?.origin.description == "default")
    }
}

/// The effective settings list every key once, so `config check` output has no contradictions.
struct EffectiveSettingsListTests {
    @Test func everyKeyAppearsOnceWithSectionsInCatalogOrder() throws {
        let config = try WorkSupportConfig.parse(text: ConfigFixtures.designSample, file: ConfigFixtures.file,
                                                 environment: ["GITHUB_TOKEN": "ghp_x"])
        let keys = config.effectiveSettings().map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(keys.prefix(4) == ["team.member.jdoe.name", "team.member.jdoe.jira_id", "team.member.jdoe.github_id",
                                   "jira.base_url"])
        #expect(keys.contains("github.token"))
        #expect(keys.contains("api.workers"))
        #expect(keys.last == "issue_type.10104.name")
    }
}
