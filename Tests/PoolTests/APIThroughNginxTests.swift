import Foundation
import Postgres
import TestKit
import Testing
import WorkSupportStore

/// The API as clients reach it: real nginx → the pool → PostgreSQL.
@Suite(.serialized) struct APIThroughNginxTests {
    /// A migrated database with a few issues and one API key.
    static func seeded(function: String = #function) throws -> (TestDatabase, String) {
        let database = try TestDatabase.createMigrated(function: function)
        let db = try database.connect()
        try db.execute("""
            INSERT INTO issues (issue_key, source, summary, status, issue_type_id, issue_type_name, parent_key, labels, updated_at)
            VALUES ('WSA-1', 'jira', 'Product', 'Open', 10004, 'Product Version', NULL, '{work-support}', now()),
                   ('WSA-2', 'jira', 'Feature', 'Open', 10000, 'Feature', 'WSA-1', '{work-support}', now()),
                   ('octo/repo#42', 'github', 'A GitHub issue', 'open', -2, 'GitHub Issue', NULL, '{work-support}', now())
            """)
        let (key, _) = try APIKeyStore(connection: db).create(name: "nginx-tests")
        return (database, key)
    }

    @Test func keyIsRequiredAndBothHeadersWork() throws {
        let (database, key) = try Self.seeded()
        let fixture = try PoolFixture(databaseURL: database.url)
        let missing = try fixture.client.get("/api/issues/keys")
        #expect(missing.status == 401)
        #expect(missing.text.contains(#""code":"#))
        #expect(try fixture.client.get("/api/issues/keys", headers: [("X-API-Key", "wsk_wrong")]).status == 401)
        let byHeader = try fixture.client.get("/api/issues/keys?source=jira", headers: [("X-API-Key", key)])
        #expect(byHeader.status == 200)
        #expect(byHeader.text.contains(#""issue_keys":["WSA-1","WSA-2"]"#))
        let byBearer = try fixture.client.get("/api/issues/keys?source=github", headers: [("Authorization", "Bearer \(key)")])
        #expect(byBearer.text.contains(#""issue_keys":["octo/repo#42"]"#))
    }

    /// Every request checks its key: after the revocation's commit, every lookup is refused,
    /// whichever worker takes it.
    @Test func revokedKeyIsRefusedOnTheNextRequest() throws {
        let (database, key) = try Self.seeded()
        let fixture = try PoolFixture(workers: 2, databaseURL: database.url)
        for _ in 0..<20 {
            #expect(try fixture.client.get("/api/issues/WSA-1", headers: [("X-API-Key", key)]).status == 200)
        }
        try APIKeyStore(connection: try database.connect()).revoke("nginx-tests")
        for _ in 0..<20 {
            #expect(try fixture.client.get("/api/issues/WSA-1", headers: [("X-API-Key", key)]).status == 401)
        }
    }

    /// Lookups that queue up while the only worker is busy are each answered with their own issue.
    @Test func queuedLookupsAreEachAnsweredWithTheirOwnIssue() throws {
        let (database, key) = try Self.seeded()
        try database.connect().execute("""
            INSERT INTO issues (issue_key, source, summary, status, issue_type_id, issue_type_name, parent_key, labels, updated_at)
            SELECT 'WSB-' || n, 'jira', 'Story ' || n, 'Open', 10001, 'Story', 'WSA-2', '{work-support}', now()
            FROM generate_series(1, 12) AS n
            """)
        let fixture = try PoolFixture(workers: 1, databaseURL: database.url)
        let answers = LockedValues<(status: Int, issueKey: String?)>()
        let done = DispatchGroup()
        let requests = ["/__test/sleep?ms=1000"] + (1...12).map { "/api/issues/WSB-\($0)" } + ["/api/issues/WSB-404"]
        for target in requests {
            done.enter()
            Thread {
                let response = try? fixture.client.get(target, headers: [("X-API-Key", key)])
                if let response { answers.set(target, (response.status, response.json?["issue_key"] as? String)) }
                done.leave()
            }.start()
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        for number in 1...12 {
            let answer = answers.get("/api/issues/WSB-\(number)")
            #expect(answer?.status == 200 && answer?.issueKey == "WSB-\(number)", "WSB-\(number): \(String(describing: answer))")
        }
        #expect(answers.get("/api/issues/WSB-404")?.status == 404)
    }

    @Test func percentEncodedGitHubKeyReachesItsIssue() throws {
        let (database, key) = try Self.seeded()
        let fixture = try PoolFixture(databaseURL: database.url)
        let response = try fixture.client.get("/api/issues/octo%2Frepo%2342", headers: [("X-API-Key", key)])
        #expect(response.status == 200, "\(response.text)")
        #expect(response.json?["issue_key"] as? String == "octo/repo#42")
    }

    @Test func unknownRouteWrongMethodAndBadParametersAreJSONErrors() throws {
        let (database, key) = try Self.seeded()
        let fixture = try PoolFixture(databaseURL: database.url)
        let auth = [("X-API-Key", key)]
        let unknown = try fixture.client.get("/api/nothing-here", headers: auth)
        #expect(unknown.status == 404)
        #expect(unknown.header("Content-Type")?.hasPrefix("application/json") == true)
        let method = try fixture.client.send("POST", "/api/issues/keys", headers: auth)
        #expect(method.status == 405)
        #expect(method.header("Allow")?.contains("GET") == true)
        let malformed = try fixture.client.get("/api/issues/keys?status=%zz", headers: auth)
        #expect(malformed.status == 400)
        #expect(malformed.text.contains("status"))
        let depth = try fixture.client.get("/api/issues/hierarchy?max_depth=11", headers: auth)
        #expect(depth.status == 400)
        #expect(depth.text.contains("max_depth"))
    }

    @Test func oversizedHeaderIsRefusedByNginxWithoutReachingThePool() throws {
        let (database, key) = try Self.seeded()
        let fixture = try PoolFixture(databaseURL: database.url)
        let huge = String(repeating: "x", count: 20_000)
        let response = try fixture.client.get("/api/issues/keys", headers: [("X-API-Key", key), ("X-Padding", huge)])
        #expect(response.status == 400)
        #expect(response.text.contains(#""code":"header_too_large""#), "nginx answers in the API's JSON shape")
        #expect(try fixture.client.get("/health").status == 200, "the pool is unharmed")
    }

    @Test func databaseStoppedGives503FastThenRecoversWithoutRestartingThePool() throws {
        let cluster = try TestCluster()
        defer { cluster.remove() }
        let admin = try PostgresConnection(url: try cluster.url())
        try admin.execute("CREATE DATABASE api")
        let url = try cluster.url("api")
        _ = try MigrationRunner(connection: try PostgresConnection(url: url))
            .migrate(try MigrationCatalog.load(directory: TestDatabase.migrationsDirectory))
        let (key, _) = try APIKeyStore(connection: try PostgresConnection(url: url)).create(name: "outage")
        let fixture = try PoolFixture(databaseURL: url)
        let auth = [("X-API-Key", key)]
        #expect(try fixture.client.get("/api/issues/keys", headers: auth).status == 200)
        let master = fixture.pool.masterPID

        try cluster.stop()
        // The first request after the outage may find its connection broken; from then on, 503 fast.
        _ = try fixture.client.get("/api/issues/keys", headers: auth)
        var slowest = 0.0
        for _ in 0..<10 {
            let started = Date()
            let response = try fixture.client.get("/api/issues/keys", headers: auth)
            slowest = max(slowest, Date().timeIntervalSince(started))
            #expect(response.status == 503)
        }
        #expect(slowest < 0.1, "503 within 100 ms (slowest \(slowest) s)")
        let health = try fixture.client.get("/health")
        #expect(health.status == 503)
        #expect(health.text.contains("unavailable"))

        try cluster.start()
        let recovered = Deadline.poll(seconds: 10) {
            (try? fixture.client.get("/api/issues/keys", headers: auth).status) == 200
        }
        #expect(recovered, "back to 200 once PostgreSQL is back")
        #expect(fixture.pool.masterPID == master && fixture.pool.isRunning, "without restarting the pool")
    }
}
