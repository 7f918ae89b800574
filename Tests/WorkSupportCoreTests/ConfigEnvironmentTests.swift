import Testing
@testable import WorkSupportCore

/// Secrets and the database URL can come from the environment, which wins over the file.
struct ConfigEnvironmentTests {
    let jira = ["jira.base_url=https://x.atlassian.net", "jira.email=a@b.c", "jira.root_jql=project = X"]
    let github = ["github.issue_label=work-support"]

    @Test func missingDatabaseURLIsFineWhenTheEnvironmentSetsIt() throws {
        let config = try ConfigFixtures.parse(["harvest.interval_hours=2"],
                                              environment: ["WORKSUPPORT_DATABASE_URL": "postgres://ws@db/ws"])
        #expect(config.database.url == "postgres://ws@db/ws")
    }

    @Test func environmentDatabaseURLWinsOverTheFileAndShowsItsOrigin() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal],
                                              environment: ["WORKSUPPORT_DATABASE_URL": "host=db dbname=ws"])
        #expect(config.database.url == "host=db dbname=ws")
        #expect(ConfigFixtures.setting("database.url", in: config)?.origin.description == "env WORKSUPPORT_DATABASE_URL")
    }

    @Test func jiraSecretsComeFromTheEnvironment() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + jira + ["jira.api_token=from-file"],
                                              environment: ["JIRA_API_TOKEN": "from-env", "JIRA_WEBHOOK_SECRET": "hook"])
        #expect(config.jira?.apiToken == "from-env")
        #expect(config.jira?.webhookSecret == "hook")
        #expect(ConfigFixtures.setting("jira.api_token", in: config)?.origin == .environment("JIRA_API_TOKEN"))
    }

    @Test func githubSecretsComeFromTheEnvironment() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github,
                                              environment: ["GITHUB_TOKEN": "ghp_x", "GITHUB_WEBHOOK_SECRET": "hook"])
        #expect(config.github?.token == "ghp_x")
        #expect(config.github?.webhookSecret == "hook")
        #expect(ConfigFixtures.setting("github.webhook_secret", in: config)?.origin.description == "env GITHUB_WEBHOOK_SECRET")
    }

    @Test func emptyEnvironmentValueIsIgnored() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal], environment: ["WORKSUPPORT_DATABASE_URL": ""])
        #expect(config.database.url == "postgresql:///worksupport")
        #expect(ConfigFixtures.setting("database.url", in: config)?.origin == .file(ConfigFixtures.file, line: 1))
    }

    @Test func environmentValueFillsAnEmptyFileValue() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + jira + ["jira.api_token="],
                                              environment: ["JIRA_API_TOKEN": "token"])
        #expect(config.jira?.apiToken == "token")
    }

    @Test func trailingNewlineOfAnEnvironmentValueIsTrimmed() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github, environment: ["GITHUB_TOKEN": "ghp_x\n"])
        #expect(config.github?.token == "ghp_x")
    }

    @Test func environmentSecretAloneDoesNotConfigureASection() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal], environment: ["JIRA_API_TOKEN": "token"])
        #expect(config.jira == nil)
    }

    @Test func invalidEnvironmentValueNamesTheVariableAndHasNoLine() {
        let error = ConfigFixtures.firstError([ConfigFixtures.minimal],
                                              environment: ["WORKSUPPORT_DATABASE_URL": "not a url"])
        #expect(error == "worksupport.properties: database.url (from WORKSUPPORT_DATABASE_URL): expected a postgresql:// URI or a 'keyword=value' conninfo string")
    }

    @Test func overridesListEveryDocumentedVariable() {
        let variables = Set(WorkSupportConfig.environmentOverrides.map(\.variable))
        #expect(variables == ["JIRA_API_TOKEN", "GITHUB_TOKEN", "GITHUB_WEBHOOK_SECRET", "JIRA_WEBHOOK_SECRET",
                              "WORKSUPPORT_DATABASE_URL", "WORKSUPPORT_DATABASE_READ_URL", "SLACK_TOKEN", "SLACK_SIGNING_SECRET"])
    }

    @Test func readURLIsOptionalAndCheckedLikeTheWriteURL() throws {
        #expect(try ConfigFixtures.parse([ConfigFixtures.minimal]).database.readURL == nil)
        let standby = try ConfigFixtures.parse([ConfigFixtures.minimal],
                                               environment: ["WORKSUPPORT_DATABASE_READ_URL": "postgresql://standby/ws"])
        #expect(standby.database.readURL == "postgresql://standby/ws")
        let error = ConfigFixtures.firstError([ConfigFixtures.minimal, "database.read_url=not a url"])
        #expect(error?.contains("database.read_url") == true, "\(String(describing: error))")
    }
}
