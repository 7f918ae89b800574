import Testing
@testable import WorkSupportCore

/// Each refusal names the file, the line and the key, in exactly the documented words.
struct ConfigErrorMessageTests {
    let database = "database.url=postgresql:///worksupport"

    /// `count` comment lines, so the next line has number `count + 1`.
    func padding(_ count: Int) -> [String] {
        (0..<count).map { "# line \($0 + 1)" }
    }

    @Test func unknownKeyIsReportedWithItsLineAndASuggestion() {
        let error = ConfigFixtures.firstError([database] + padding(10) + ["jira.bse_url=https://x.example"])
        #expect(error == "worksupport.properties:12: unknown key 'jira.bse_url' (did you mean 'jira.base_url'?)")
    }

    @Test func unknownKeyFarFromAnyKnownKeyHasNoSuggestion() {
        let error = ConfigFixtures.firstError([database, "colour=blue"])
        #expect(error == "worksupport.properties:2: unknown key 'colour'")
    }

    @Test func unknownTeamMemberFieldSuggestsTheFieldForThatMember() {
        let error = ConfigFixtures.firstError([database, "team.member.jdoe.githubid=john"])
        #expect(error == "worksupport.properties:2: unknown key 'team.member.jdoe.githubid' (did you mean 'team.member.jdoe.github_id'?)")
    }

    @Test func missingRequiredKeyHasNoLine() {
        let error = ConfigFixtures.firstError([database, "jira.base_url=https://x.atlassian.net", "jira.email=a@b.c"])
        #expect(error == "worksupport.properties: missing required key 'jira.root_jql'")
    }

    @Test func missingDatabaseURLIsRefused() {
        #expect(ConfigFixtures.firstError(["harvest.interval_hours=2"])
                == "worksupport.properties: missing required key 'database.url'")
    }

    @Test func githubKeyOtherThanAPIURLRequiresIssueLabel() {
        #expect(ConfigFixtures.firstError([database, "github.token=abc"])
                == "worksupport.properties: missing required key 'github.issue_label'")
    }

    @Test func githubAPIURLAloneDoesNotConfigureGitHub() throws {
        let config = try ConfigFixtures.parse([database, "github.api_url=https://ghe.example/api/v3"])
        #expect(config.github == nil)
    }

    @Test func urlWithoutHTTPSchemeIsRefused() {
        let error = ConfigFixtures.firstError([database, "jira.email=a@b.c", "jira.base_url=ftp//x", "jira.root_jql=x"])
        #expect(error == "worksupport.properties:3: jira.base_url: not an http(s) URL: 'ftp//x'")
    }

    @Test func urlWithoutHostIsRefused() {
        let error = ConfigFixtures.firstError([database, "github.issue_label=l", "github.api_url=https:///v3"])
        #expect(error == "worksupport.properties:3: github.api_url: not an http(s) URL with a host: 'https:///v3'")
    }

    @Test func nonIntegerValueIsRefused() {
        let error = ConfigFixtures.firstError([database] + padding(5) + ["harvest.interval_hours=two"])
        #expect(error == "worksupport.properties:7: harvest.interval_hours: expected an integer, got 'two'")
    }

    @Test func integerAboveBoundedRangeNamesTheRange() {
        let error = ConfigFixtures.firstError([database, "harvest.batch_size=20000"])
        #expect(error == "worksupport.properties:2: harvest.batch_size: must be between 1 and 10000, got 20000")
    }

    @Test func integerBelowMinimumNamesTheMinimum() {
        let error = ConfigFixtures.firstError([database, "harvest.retention_days=7"])
        #expect(error == "worksupport.properties:2: harvest.retention_days: must be at least 30, got 7")
    }

    @Test func explicitZeroWorkersIsRefused() {
        let error = ConfigFixtures.firstError([database, "api.workers=0"])
        #expect(error == "worksupport.properties:2: api.workers: must be at least 1, got 0")
    }

    @Test func lineWithoutEqualsSignIsMalformed() {
        let error = ConfigFixtures.firstError([database, "", "jira.base_url https://x"])
        #expect(error == "worksupport.properties:3: malformed line, expected 'key=value': 'jira.base_url https://x'")
    }

    @Test func duplicateKeyNamesBothLines() {
        let error = ConfigFixtures.firstError([database, "harvest.batch_size=10", "harvest.batch_size=20"])
        #expect(error == "worksupport.properties:3: duplicate key 'harvest.batch_size' (first set on line 2)")
    }

    @Test func emptyValueOfRequiredKeyIsRefused() {
        let error = ConfigFixtures.firstError(["database.url="])
        #expect(error == "worksupport.properties:1: database.url: value must not be empty")
    }

    @Test func emptyValueOfOptionalKeyMeansNotSet() throws {
        let config = try ConfigFixtures.parse([database, "harvest.start_command="])
        #expect(config.harvest.startCommand == nil)
    }

    @Test func malformedDatabaseURLIsRefusedWithoutQuotingIt() {
        let error = ConfigFixtures.firstError(["database.url=mysql://root:hunter2@db/x"])
        #expect(error == "worksupport.properties:1: database.url: expected a postgresql:// URI or a 'keyword=value' conninfo string")
    }

    @Test func invalidReleasePatternIsRefused() {
        let error = ConfigFixtures.firstError([database, "release.label_pattern=^release-(.+$"])
        #expect(error == "worksupport.properties:2: release.label_pattern: not a valid regular expression: '^release-(.+$'")
    }

    @Test func relativeSocketPathIsRefused() {
        let error = ConfigFixtures.firstError([database, "api.socket=run/api.sock"])
        #expect(error == "worksupport.properties:2: api.socket: expected an absolute path, got 'run/api.sock'")
    }

    @Test func errorCarriesCodeFileLineAndKey() throws {
        let result = WorkSupportConfig.check(text: "\(database)\nharvest.max_attempts=50", file: "/etc/ws.properties",
                                             environment: [:])
        let error = try #require(result.errors.first)
        #expect(error.code == .outOfRange)
        #expect(error.file == "/etc/ws.properties")
        #expect(error.line == 2)
        #expect(error.key == "harvest.max_attempts")
    }

    @Test func firstErrorIsTheOneOnTheEarliestLine() {
        let error = ConfigFixtures.firstError([database, "anomaly.stale_days=0", "harvest.batch_size=x"])
        #expect(error == "worksupport.properties:2: anomaly.stale_days: must be at least 1, got 0")
    }

    @Test func checkReturnsEveryErrorInLineOrderWithLinelessOnesLast() {
        let errors = ConfigFixtures.allErrors([
            "jira.email=a@b.c",
            "harvest.batch_size=x",
            "jira.base_url=ftp//x",
            "nonsense",
            "harvest.batch_size=1",
        ])
        #expect(errors == [
            "worksupport.properties:2: harvest.batch_size: expected an integer, got 'x'",
            "worksupport.properties:3: jira.base_url: not an http(s) URL: 'ftp//x'",
            "worksupport.properties:4: malformed line, expected 'key=value': 'nonsense'",
            "worksupport.properties:5: duplicate key 'harvest.batch_size' (first set on line 2)",
            "worksupport.properties: missing required key 'jira.root_jql'",
            "worksupport.properties: missing required key 'database.url'",
        ])
    }

    @Test func checkOfValidFileHasConfigAndNoErrors() {
        let result = WorkSupportConfig.check(text: ConfigFixtures.minimal, file: ConfigFixtures.file, environment: [:])
        #expect(result.errors.isEmpty)
        #expect(result.config?.database.url == "postgresql:///worksupport")
    }
}
