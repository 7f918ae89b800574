import Foundation
import JSON
import Postgres
import TestKit
import Testing
import WorkSupportStore

/// One seeded database, one pool (2 workers) and one real nginx with the shipped site, shared by
/// every test of a suite marked `.routeStack`: starting them once keeps the suite fast.
final class RouteStack: @unchecked Sendable {
    @TaskLocal static var current: RouteStack?

    let database: TestDatabase
    let connection: PostgresConnection
    let pool: TestPool
    let nginx: TestNginx
    let key: String
    let revokedKey: String

    init() throws {
        database = try TestDatabase.createMigrated(function: "routeStack")
        connection = try database.connect()
        (key, revokedKey) = try Self.seed(connection)
        pool = try TestPool(workers: 2, databaseURL: database.url, function: "routeStack")
        guard pool.waitUntilReady() else { throw TestEnvironmentError("pool not ready: \(pool.log)") }
        nginx = try TestNginx(upstreamSocket: pool.socketPath)
    }

    /// SeedData plus two releases with members, an active key and a revoked one.
    static func seed(_ connection: PostgresConnection) throws -> (key: String, revokedKey: String) {
        try SeedData.insert(into: connection)
        try connection.execute("""
            INSERT INTO releases (project_key, name, version_id, released, release_date) VALUES
                ('PV', '2026.1', '100', true, '2026-01-31'), ('FEAT', '2026.1', '200', true, '2026-01-30'),
                ('PV', '2026.2 beta', '101', false, NULL);
            INSERT INTO issue_releases (release_name, issue_key, via) VALUES
                ('2026.1', 'PV-1', 'label'), ('2026.1', 'FEAT-1', 'parent'), ('2026.1', 'STORY-1', 'parent'),
                ('2026.2 beta', 'PV-2', 'fix_version');
            -- A fixVersion membership is the issue's own fixVersions (the release view reads them there).
            UPDATE issues SET fix_versions = ARRAY['2026.2 beta'] WHERE issue_key = 'PV-2';
            """)
        let keys = APIKeyStore(connection: connection)
        let key = try keys.create(name: "nginx-routes").key
        let revokedKey = try keys.create(name: "nginx-revoked").key
        try keys.revoke("nginx-revoked")
        return (key, revokedKey)
    }

    deinit { stop() }

    func stop() {
        nginx.stop()
        pool.stop()
    }

    /// The stack of the running suite.
    static func shared() throws -> RouteStack {
        guard let current else { throw TestEnvironmentError("the suite lacks the .routeStack trait") }
        return current
    }

    /// A request through nginx with the active key unless `headers` are given.
    func send(_ method: String, _ target: String, headers: [(String, String)]? = nil,
              body: String = "") throws -> HTTPTestClient.Response {
        try nginx.client.send(method, target, headers: headers ?? [("X-API-Key", key)], body: Array(body.utf8))
    }

    func get(_ target: String, headers: [(String, String)]? = nil) throws -> HTTPTestClient.Response {
        try send("GET", target, headers: headers)
    }
}

/// Starts a `RouteStack` once around a whole suite and stops it after the last test.
struct RouteStackTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let stack = try RouteStack()
        defer { stack.stop() }
        try await RouteStack.$current.withValue(stack) { try await function() }
    }
}

extension Trait where Self == RouteStackTrait {
    static var routeStack: Self { Self() }
}

extension HTTPTestClient.Response {
    /// The body as the JSON module's value (`.null` when it is not JSON).
    var document: JSONValue { (try? JSONValue.parse(body)) ?? .null }

    var errorCode: String? { document["error"]?["code"]?.stringValue }
    var errorParameter: String? { document["error"]?["parameter"]?.stringValue }
    var isJSON: Bool { header("Content-Type")?.hasPrefix("application/json") == true }
}
