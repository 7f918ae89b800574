import Foundation
import Simulator
import TestKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `worksupport check` against the simulator and against upstreams that cannot answer: a line per
/// upstream saying ok or why not, exit 0 only when all are ok, each case over in bounded time.
@Suite struct CheckCLITests {
    /// Jira and GitHub both at `baseURL`, calls bounded by harvest.timeout_seconds=2.
    static func writeConfig(database: TestDatabase, baseURL: String, jiraEmail: String = "bot@example.com") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try """
            database.url=\(database.url)
            jira.base_url=\(baseURL)
            jira.email=\(jiraEmail)
            jira.root_jql=project = WSA
            github.api_url=\(baseURL)
            github.issue_label=work-support
            harvest.timeout_seconds=2
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func environment(jiraToken: String = SimCredentials.defaultJiraToken,
                            githubToken: String = SimCredentials.defaultGitHubToken) -> [String: String] {
        ["JIRA_API_TOKEN": jiraToken, "GITHUB_TOKEN": githubToken,
         "WORKSUPPORT_MIGRATIONS_DIR": TestDatabase.migrationsDirectory]
    }

    /// The highest migration number: what a current schema is at.
    static func latestMigration() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: TestDatabase.migrationsDirectory)
            .compactMap { Int($0.prefix(4)) }.max() ?? 0
    }

    /// Runs the check and how long it took.
    static func check(config: String, environment: [String: String]) throws -> (CommandResult, [String], Double) {
        let started = Date()
        let result = try CommandRunner.run("worksupport", ["check", "--config", config], environment: environment)
        return (result, result.stdout.split(separator: "\n").map(String.init), Date().timeIntervalSince(started))
    }

    static func simulator() throws -> SimulatorServer {
        let dataset = DatasetGenerator.generate(.init(issues: 5, members: 1, seed: 3, heavyMemberItems: 0))
        let server = try SimulatorServer(dataset: dataset)
        try server.start()
        return server
    }

    @Test func goodTokensAndCurrentSchemaAreAllOK() throws {
        let sim = try Self.simulator()
        defer { sim.stop() }
        let db = try TestDatabase.createMigrated()
        let config = try Self.writeConfig(database: db, baseURL: sim.baseURL, jiraEmail: sim.state.dataset.jiraEmail)

        let (result, lines, seconds) = try Self.check(config: config, environment: Self.environment())

        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(lines.count == 3, "\(lines)")
        let dataset = sim.state.dataset
        #expect(lines.first == "jira: ok (WorkSupport Bot <\(dataset.jiraEmail)>, time zone \(dataset.timeZone))")
        #expect(lines.dropFirst().first?.hasPrefix("github: ok (5000 of 5000 requests left, resets ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("database: ok (PostgreSQL ") == true, "\(lines)")
        #expect(lines.last?.hasSuffix(", schema version \(try Self.latestMigration()), current)") == true, "\(lines)")
        #expect(seconds < 10)
    }

    @Test func refusedTokensAreNamedAndFailTheCheck() throws {
        let sim = try Self.simulator()
        defer { sim.stop() }
        let db = try TestDatabase.createMigrated()
        let config = try Self.writeConfig(database: db, baseURL: sim.baseURL, jiraEmail: sim.state.dataset.jiraEmail)

        let (result, lines, seconds) = try Self.check(
            config: config, environment: Self.environment(jiraToken: "expired-token", githubToken: "revoked-token"))

        #expect(result.exitCode == 1)
        #expect(lines.first == "jira: refused token (HTTP 401 from GET \(sim.baseURL)/rest/api/3/myself)")
        #expect(lines.dropFirst().first == "github: refused token (HTTP 401 from GET \(sim.baseURL)/rate_limit)")
        #expect(lines.last?.hasPrefix("database: ok") == true, "the database is checked all the same: \(lines)")
        #expect(!result.stdout.contains("expired-token") && !result.stdout.contains("revoked-token"), "no secret printed")
        #expect(seconds < 10)
    }

    @Test func closedPortIsReportedAsConnectionRefused() throws {
        let bound = try FreePort.bind(listening: false)
        close(bound.fd)
        let db = try TestDatabase.createMigrated()
        let config = try Self.writeConfig(database: db, baseURL: "http://127.0.0.1:\(bound.port)")

        let (result, lines, seconds) = try Self.check(config: config, environment: Self.environment())

        #expect(result.exitCode == 1)
        #expect(lines.first?.hasPrefix("jira: connection refused (GET http://127.0.0.1:\(bound.port)/rest/api/3/myself: curl 7: ") == true, "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("github: connection refused (GET http://127.0.0.1:\(bound.port)/rate_limit: curl 7: ") == true, "\(lines)")
        #expect(seconds < 5, "refused at once, no retries: \(seconds) s")
    }

    /// A server that takes the connection and never answers: each call gives up after
    /// harvest.timeout_seconds (2 s), both at the same time.
    @Test func silentServerTimesOutWithinTheConfiguredTimeout() throws {
        let silent = try FreePort.bind(listening: true)
        defer { close(silent.fd) }
        let db = try TestDatabase.createMigrated()
        let config = try Self.writeConfig(database: db, baseURL: "http://127.0.0.1:\(silent.port)")

        let (result, lines, seconds) = try Self.check(config: config, environment: Self.environment())

        #expect(result.exitCode == 1)
        #expect(lines.first?.hasPrefix("jira: timeout after 2.") == true, "\(lines)")
        #expect(lines.first?.contains(" s (GET http://127.0.0.1:\(silent.port)/rest/api/3/myself: curl 28: ") == true, "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("github: timeout after 2.") == true, "\(lines)")
        #expect(lines.dropFirst().first?.contains(" s (GET http://127.0.0.1:\(silent.port)/rate_limit: curl 28: ") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("database: ok") == true, "\(lines)")
        #expect(seconds >= 2 && seconds < 6, "the two calls wait 2 s side by side: \(seconds) s")
    }

    @Test func unmigratedDatabaseFailsTheCheckAndSaysWhatToRun() throws {
        let db = try TestDatabase.create()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try "database.url=\(db.url)\n".write(toFile: path, atomically: true, encoding: .utf8)

        let (result, lines, _) = try Self.check(config: path, environment: Self.environment())

        #expect(result.exitCode == 1)
        #expect(lines == ["jira: not configured (no jira.* keys)", "github: not configured (no github.* keys)",
                          "database: schema behind: version none of \(try Self.latestMigration()) (run `worksupport migrate`)"])
    }
}
