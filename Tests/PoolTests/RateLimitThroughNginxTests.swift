import Foundation
import TestKit
import Testing
import WorkSupportStore

/// The shipped site's rate limits (nginx/worksupport.conf, its rates as shipped) in front of a
/// pool: one client past its rate is refused by nginx with the API's JSON error and Retry-After,
/// while other clients go on being served, and the pool never sees (nor counts) a refused request.
@Suite struct RateLimitThroughNginxTests {
    /// `rate` and `burst` of a zone, read from the site file so the tests follow a change of them.
    struct Limit {
        var rate: Double
        var burst: Int
    }

    static func shippedLimit(zone: String) throws -> Limit {
        let site = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("nginx/worksupport.conf"),
                              encoding: .utf8)
        let rate = site.firstMatch(of: try Regex("zone=\(zone):\\S+ rate=(\\d+)r/s;"))
        let burst = site.firstMatch(of: try Regex("limit_req zone=\(zone) burst=(\\d+) nodelay;"))
        guard let rate, let burst, let perSecond = Double(rate.output[1].substring ?? ""),
              let burstSize = Int(burst.output[1].substring ?? "") else {
            throw TestEnvironmentError("zone \(zone) has no rate or burst in nginx/worksupport.conf")
        }
        return Limit(rate: perSecond, burst: burstSize)
    }

    /// A pool over a database with one issue and the keys asked for, behind nginx with the shipped limits.
    final class Stack: @unchecked Sendable {
        let database: TestDatabase
        let keys: [String]
        let pool: TestPool
        let nginx: TestNginx

        init(keyNames: [String] = [], function: String = #function) throws {
            database = try TestDatabase.createMigrated(function: function)
            let db = try database.connect()
            try db.execute("""
                INSERT INTO issues (issue_key, source, summary, status, issue_type_id, issue_type_name, labels, updated_at)
                VALUES ('WSA-1', 'jira', 'Product', 'Open', 10004, 'Product Version', '{work-support}', now())
                """)
            keys = try keyNames.map { try APIKeyStore(connection: db).create(name: $0).0 }
            pool = try TestPool(workers: 2, databaseURL: database.url, function: function)
            guard pool.waitUntilReady() else { throw TestEnvironmentError("pool not ready: \(pool.log)") }
            nginx = try TestNginx(upstreamSocket: pool.socketPath, shippedRateLimits: true)
        }

        deinit {
            nginx.stop()
            pool.stop()
        }

        /// `worksupport_http_requests_total` of one route by status, from the pool's /metrics.
        func requestCounts(route: String) throws -> [String: Int] {
            let metrics = try nginx.client.get("/metrics")
            guard metrics.status == 200 else { throw TestEnvironmentError("metrics: \(metrics.status) \(metrics.text)") }
            var counts: [String: Int] = [:]
            for line in metrics.text.split(separator: "\n") where line.hasPrefix("worksupport_http_requests_total{route=\"\(route)\",") {
                guard let match = line.firstMatch(of: /status="([^"]+)"\} (\d+)/) else { continue }
                counts[String(match.1)] = Int(match.2)
            }
            return counts
        }
    }

    /// The refusal nginx sends: 429, the API's error shape with `rate_limited`, and Retry-After.
    static func expectRateLimited(_ response: HTTPTestClient.Response) {
        #expect(response.status == 429)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Retry-After") == "1")
        let error = response.json?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "rate_limited", "\(response.text)")
        #expect((error?["message"] as? String)?.isEmpty == false)
    }

    @Test func burstFromOneKeyIsRefusedWhileAnotherKeysRequestsAllSucceed() throws {
        let limit = try Self.shippedLimit(zone: "worksupport_api_rate")
        let stack = try Stack(keyNames: ["looping-script", "dashboard"])
        let client = stack.nginx.client
        let looping = [("X-API-Key", stack.keys[0])]
        let dashboard = [("Authorization", "Bearer \(stack.keys[1])")]

        // The looping script sends well past its burst; then both clients alternate, within the same second.
        let started = Date()
        var loopingAnswers: [HTTPTestClient.Response] = []
        for _ in 0..<(2 * limit.burst + 10) { loopingAnswers.append(try client.get("/api/issues/WSA-1", headers: looping)) }
        var dashboardAnswers: [HTTPTestClient.Response] = []
        for _ in 0..<10 {
            loopingAnswers.append(try client.get("/api/issues/WSA-1", headers: looping))
            dashboardAnswers.append(try client.get("/api/issues/WSA-1", headers: dashboard))
        }
        let elapsed = Date().timeIntervalSince(started)

        #expect(elapsed < 1, "the test is about one second's requests: took \(elapsed) s")
        #expect(dashboardAnswers.map(\.status) == Array(repeating: 200, count: 10), "the other key is not slowed")
        let served = loopingAnswers.filter { $0.status == 200 }
        let refused = loopingAnswers.filter { $0.status != 200 }
        // The first burst + 1 pass at once; after that only what the rate refilled meanwhile.
        #expect(loopingAnswers.prefix(limit.burst + 1).allSatisfy { $0.status == 200 })
        #expect(served.count <= limit.burst + 1 + Int((limit.rate * elapsed).rounded(.up)),
                "served \(served.count) in \(elapsed) s")
        #expect(refused.count >= 10)
        for response in refused { Self.expectRateLimited(response) }

        // nginx answered the refusals: the pool counted exactly the requests it served.
        let counts = try stack.requestCounts(route: "issue")
        #expect(counts == ["200": served.count + dashboardAnswers.count], "\(counts)")
    }

    /// Without a key a client is its address: one address past its rate does not slow another.
    @Test func clientsWithoutAKeyAreLimitedByAddress() throws {
        let limit = try Self.shippedLimit(zone: "worksupport_api_rate")
        let stack = try Stack()
        var busy = stack.nginx.client
        busy.sourceAddress = "127.0.0.2"
        var other = stack.nginx.client
        other.sourceAddress = "127.0.0.3"

        let busyAnswers = try (0..<(2 * limit.burst + 10)).map { _ in try busy.get("/api/issues/WSA-1") }
        let otherAnswers = try (0..<10).map { _ in try other.get("/api/issues/WSA-1") }

        #expect(busyAnswers.prefix(limit.burst + 1).allSatisfy { $0.status == 401 }, "passed to the pool, which wants a key")
        let refused = busyAnswers.filter { $0.status == 429 }
        #expect(refused.count >= 10)
        for response in refused { Self.expectRateLimited(response) }
        #expect(otherAnswers.map(\.status) == Array(repeating: 401, count: 10), "another address is not slowed")
    }

    /// Webhook deliveries count in their own, larger zone: a burst of them from one address is
    /// passed to the pool, and leaves that address's API budget untouched.
    @Test func webhookDeliveriesHaveTheirOwnZone() throws {
        let ingest = try Self.shippedLimit(zone: "worksupport_ingest_rate")
        let api = try Self.shippedLimit(zone: "worksupport_api_rate")
        #expect(ingest.burst > api.burst)
        let stack = try Stack()
        let client = stack.nginx.client
        let deliveries = try (0..<(api.burst + 10)).map { _ in
            try client.send("POST", "/api/ingest/github", headers: [("Content-Type", "application/json"),
                                                                     ("X-GitHub-Event", "ping"),
                                                                     ("X-GitHub-Delivery", UUID().uuidString)],
                            body: Array("{}".utf8))
        }
        // No secret is configured: the pool answers each one itself (503 webhook_not_configured).
        #expect(deliveries.allSatisfy { $0.status == 503 }, "\(Set(deliveries.map(\.status)))")
        let afterwards = try (0..<api.burst).map { _ in try client.get("/api/issues/WSA-1") }
        #expect(afterwards.allSatisfy { $0.status == 401 }, "\(Set(afterwards.map(\.status)))")
    }
}
