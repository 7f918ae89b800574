import Testing
@testable import WorkSupportCore

/// `effectiveSettings` never shows a secret or a database password unless asked to.
struct ConfigMaskingTests {
    let github = ["github.issue_label=work-support"]

    @Test func longSecretShowsOnlyItsLastFourCharacters() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github,
                                              environment: ["GITHUB_TOKEN": "ghp_abcdefghijklmnop1234"])
        #expect(ConfigFixtures.setting("github.token", in: config)?.value == "****1234")
    }

    @Test func shortSecretIsFullyMasked() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github + ["github.webhook_secret=fifteen-chars!"])
        #expect(ConfigFixtures.setting("github.webhook_secret", in: config)?.value == "****")
    }

    @Test func secretOfExactlySixteenCharactersShowsLastFour() {
        #expect(WorkSupportConfig.maskedSecret("0123456789abcdef") == "****cdef")
    }

    @Test func previousWebhookSecretIsMaskedToo() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github + ["github.webhook_secret_previous=old"])
        #expect(ConfigFixtures.setting("github.webhook_secret_previous", in: config)?.value == "****")
    }

    @Test func unmaskedSettingsShowTheSecret() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github, environment: ["GITHUB_TOKEN": "ghp_x"])
        #expect(ConfigFixtures.setting("github.token", in: config, maskSecrets: false)?.value == "ghp_x")
    }

    @Test func databaseURIPasswordIsMasked() throws {
        let config = try ConfigFixtures.parse(["database.url=postgresql://user:s3cret@host/db"])
        #expect(ConfigFixtures.setting("database.url", in: config)?.value == "postgresql://user:****@host/db")
        #expect(config.database.maskedURL == "postgresql://user:****@host/db")
    }

    @Test func databaseURIPasswordParameterIsMasked() {
        let database = DatabaseConfig(url: "postgres://db/ws?sslmode=require&password=s3cret")
        #expect(database.maskedURL == "postgres://db/ws?sslmode=require&password=****")
    }

    @Test func databaseURIWithoutPasswordIsUnchanged() {
        #expect(DatabaseConfig(url: "postgresql://ws@db:5432/ws").maskedURL == "postgresql://ws@db:5432/ws")
    }

    @Test func conninfoPasswordIsMaskedQuotedOrNot() {
        #expect(DatabaseConfig(url: "host=db password=s3cret dbname=ws").maskedURL == "host=db password=**** dbname=ws")
        #expect(DatabaseConfig(url: "host=db password = 'a b\\' c'").maskedURL == "host=db password = ****")
    }

    @Test func plainSettingsAreNotMasked() throws {
        let config = try ConfigFixtures.parse([ConfigFixtures.minimal] + github)
        #expect(ConfigFixtures.setting("github.issue_label", in: config)?.value == "work-support")
    }
}
