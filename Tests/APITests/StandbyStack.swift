import Foundation
import Postgres
import TestKit
import Testing
import WorkSupportStore

/// One database seeded on the primary as for `RouteStack`, and two pools over it, each behind
/// its own real nginx: `primaryOnly` has only `database.url`; `standbyReads` also has
/// `database.read_url`, the same database on the test cluster's hot standby. Shared by every test
/// of a suite marked `.standbyStack`.
final class StandbyStack: @unchecked Sendable {
    @TaskLocal static var current: StandbyStack?

    /// A pool and the nginx in front of it.
    final class Deployment: @unchecked Sendable {
        let pool: TestPool
        let nginx: TestNginx

        init(database: TestDatabase, configLines: [String]) throws {
            pool = try TestPool(workers: 2, configLines: configLines, databaseURL: database.url, function: "standbyStack")
            guard pool.waitUntilReady() else { throw TestEnvironmentError("pool not ready: \(pool.log)") }
            nginx = try TestNginx(upstreamSocket: pool.socketPath)
        }

        func stop() {
            nginx.stop()
            pool.stop()
        }
    }

    let database: TestDatabase
    let standby: TestStandby
    /// A connection to the primary, where every write must land.
    let connection: PostgresConnection
    let key: String
    let revokedKey: String
    /// Where the standby's server log ended before the suite: what follows is the suite's.
    let standbyLogStart: UInt64
    let primaryOnly: Deployment
    let standbyReads: Deployment

    /// What both pools share: the GitHub scope and secret of the vendored payloads.
    static let configLines = [
        "team.member.octo.name=Octo Cat", "team.member.octo.github_id=Codertocat",
        "github.issue_label=bug", "github.webhook_secret=\(WebhookFixture.secret)",
    ]

    init() throws {
        standbyLogStart = try TestStandby.logEnd()
        database = try TestDatabase.createMigrated(function: "standbyStack")
        standby = try TestStandby(of: database)
        connection = try database.connect()
        (key, revokedKey) = try RouteStack.seed(connection)
        try standby.waitUntilReplayed()
        primaryOnly = try Deployment(database: database, configLines: Self.configLines)
        standbyReads = try Deployment(database: database,
                                      configLines: Self.configLines + ["database.read_url=\(standby.url)"])
    }

    deinit { stop() }

    func stop() {
        standbyReads.stop()
        primaryOnly.stop()
    }

    /// The stack of the running suite.
    static func shared() throws -> StandbyStack {
        guard let current else { throw TestEnvironmentError("the suite lacks the .standbyStack trait") }
        return current
    }

    /// A request through `deployment`'s nginx with the active key unless another is given.
    func send(_ method: String, _ target: String, through deployment: Deployment,
              key: String? = nil) throws -> HTTPTestClient.Response {
        try deployment.nginx.client.send(method, target, headers: [("X-API-Key", key ?? self.key)])
    }

    /// The lines sessions on the suite's database wrote to the standby's log since the suite began.
    func standbyLogLines() throws -> [String] {
        try TestStandby.logLines(since: standbyLogStart, database: database.name)
    }
}

/// Starts a `StandbyStack` once around a whole suite and stops it after the last test.
struct StandbyStackTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let stack = try StandbyStack()
        defer { stack.stop() }
        try await StandbyStack.$current.withValue(stack) { try await function() }
    }
}

extension Trait where Self == StandbyStackTrait {
    static var standbyStack: Self { Self() }
}
