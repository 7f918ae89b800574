@testable import WorkSupportCore
import Testing

@Suite struct SlackConfigTests {
    static let base = "database.url=postgresql:///worksupport"

    @Test func withoutSlackKeysSlackIsNotConfigured() throws {
        #expect(try ConfigFixtures.parse([Self.base], environment: ["SLACK_TOKEN": "xoxb-1"]).slack == nil)
    }

    @Test func defaultsApplyOnceAnySlackKeyIsGiven() throws {
        let slack = try #require(try ConfigFixtures.parse([Self.base, "slack.api_url=https://slack.com/api"]).slack)
        #expect(slack.apiURL == "https://slack.com/api")
        #expect(slack.lookbackDays == 7)
        #expect(slack.retentionDays == 365)
        #expect(slack.channels == [])
        #expect(slack.token == nil)
        #expect(!slack.collects)
    }

    @Test func secretsComeFromTheEnvironmentAndAreMasked() throws {
        let config = try ConfigFixtures.parse([Self.base, "slack.lookback_days=3"],
                                              environment: ["SLACK_TOKEN": "xoxb-secret", "SLACK_SIGNING_SECRET": "signing\n"])
        #expect(config.slack?.token == "xoxb-secret")
        #expect(config.slack?.signingSecret == "signing")
        #expect(config.slack?.collects == true)
        #expect(ConfigFixtures.setting("slack.token", in: config)?.value != "xoxb-secret")
        #expect(ConfigFixtures.setting("slack.signing_secret", in: config)?.value != "signing")
    }

    @Test func channelsAreListedIdsAndTheURLLosesItsTrailingSlash() throws {
        let slack = try #require(try ConfigFixtures.parse([Self.base, "slack.channels=C01ABC, G0PRIV ,",
                                                           "slack.api_url=http://127.0.0.1:8089/api/"]).slack)
        #expect(slack.channels == ["C01ABC", "G0PRIV"])
        #expect(slack.apiURL == "http://127.0.0.1:8089/api")
    }

    @Test func badValuesAreRefusedWithLineAndKey() {
        #expect(ConfigFixtures.firstError([Self.base, "slack.channels=C01ABC,general"])
                == "worksupport.properties:2: slack.channels: 'general' is not a Slack channel id (C…, G… or D…, upper-case letters and digits)")
        #expect(ConfigFixtures.firstError([Self.base, "slack.lookback_days=a week"])
                == "worksupport.properties:2: slack.lookback_days: expected an integer, got 'a week'")
        #expect(ConfigFixtures.firstError([Self.base, "slack.lookback_days=91"])
                == "worksupport.properties:2: slack.lookback_days: must be between 0 and 90, got 91")
        #expect(ConfigFixtures.firstError([Self.base, "slack.api_url=slack.com/api"])
                == "worksupport.properties:2: slack.api_url: not an http(s) URL: 'slack.com/api'")
        #expect(ConfigFixtures.firstError([Self.base, "slack.token="])
                == "worksupport.properties:2: slack.token: value must not be empty")
        #expect(ConfigFixtures.firstError([Self.base, "slack.lookback_days=14", "slack.retention_days=10"])
                == "worksupport.properties:3: slack.retention_days: slack.retention_days (10) must be longer than slack.lookback_days (14)")
    }

    @Test func aMisspelledSlackKeyIsSuggested() {
        #expect(ConfigFixtures.firstError([Self.base, "slack.lookback_day=7"])?.contains("did you mean 'slack.lookback_days'?") == true)
    }
}
