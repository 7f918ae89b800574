import Foundation
import Simulator
import TestKit
import Testing

/// `worksupport check` with Slack configured: `auth.test` against the simulated workspace.
@Suite struct SlackCheckCLITests {
    static func writeConfig(database: TestDatabase, baseURL: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ws-\(UUID().uuidString).properties").path
        try """
            database.url=\(database.url)
            slack.api_url=\(baseURL)/api
            harvest.timeout_seconds=2
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func check(token: String?) throws -> (CommandResult, [String]) {
        let sim = try CheckCLITests.simulator()
        defer { sim.stop() }
        let config = try Self.writeConfig(database: try TestDatabase.createMigrated(), baseURL: sim.baseURL)
        var environment = ["WORKSUPPORT_MIGRATIONS_DIR": TestDatabase.migrationsDirectory]
        if let token { environment["SLACK_TOKEN"] = token }
        let result = try CommandRunner.run("worksupport", ["check", "--config", config], environment: environment)
        return (result, result.stdout.split(separator: "\n").map(String.init))
    }

    @Test func aGoodTokenNamesTheBotAndTheWorkspace() throws {
        let (result, lines) = try check(token: SimSlackWorkspace.token)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(lines.contains("slack: ok (bot worksupport in workspace Sim Workspace)"), "\(lines)")
    }

    @Test func aRefusedTokenIsNamedAndFailsTheCheck() throws {
        let (result, lines) = try check(token: "xoxb-revoked")
        #expect(result.exitCode == 1)
        #expect(lines.contains("slack: refused token (auth.test: invalid_auth)"), "\(lines)")
    }

    @Test func noTokenIsNamedAndFailsTheCheck() throws {
        let (result, lines) = try check(token: nil)
        #expect(result.exitCode == 1)
        #expect(lines.contains("slack: no token (set slack.token or SLACK_TOKEN)"), "\(lines)")
    }
}
