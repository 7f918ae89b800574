import Foundation
import Testing
import TestKit
#if canImport(Glibc)
import Glibc
#endif

/// The pool through real nginx: respawn, recycling, timeout, drain, reload. Serialized because
/// each test loads the two cores and measures timing-sensitive behaviour.
@Suite(.serialized) struct PoolLifecycleTests {
    @Test func healthAnswers200ThroughNginx() throws {
        let fixture = try PoolFixture()
        let response = try fixture.client.get("/health")
        #expect(response.status == 200)
        #expect(response.text.hasPrefix(#"{"status":"ok","database":"ok""#))
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
    }

    @Test func unknownRouteIs404JSON() throws {
        let fixture = try PoolFixture()
        let response = try fixture.client.get("/no/such/route?x=1")
        #expect(response.status == 404)
        #expect((response.json?["error"] as? [String: Any])?["code"] as? String == "not_found")
    }

    @Test func statusPageShowsEachWorkersState() throws {
        let fixture = try PoolFixture(workers: 2)
        _ = try fixture.client.get("/health")
        let status = try fixture.status()
        let workers = try #require(status["workers"] as? [[String: Any]])
        #expect(workers.count == 2)
        // The worker answering /status is busy with it; the other is idle.
        #expect(Set(workers.compactMap { $0["state"] as? String }) == ["busy", "idle"])
        #expect(workers.contains { $0["request_uri"] as? String == "/status" })
        #expect(status["target_workers"] as? Int == 2)
        #expect((status["accepted_requests"] as? Int ?? 0) >= 1)
    }

    @Test func killedWorkerIsRespawnedAndOnlyItsRequestCanFail() throws {
        let fixture = try PoolFixture(workers: 2)
        let before = try fixture.workerPIDs()
        let load = LoadGenerator(client: fixture.client, target: "/health", connections: 4)
        #expect(Deadline.poll(seconds: 5) { load.count >= 50 })
        let victim = try #require(before.first)
        kill(victim, SIGKILL)
        let respawned = Deadline.poll(seconds: 10) {
            let pids = (try? fixture.workerPIDs()) ?? []
            return pids.count == 2 && !pids.contains(victim)
        }
        let countAfterRespawn = load.count
        #expect(Deadline.poll(seconds: 5) { load.count >= countAfterRespawn + 50 })
        let outcome = load.stop()
        #expect(respawned)
        #expect(outcome.nonOK <= 1, "failures: \(outcome.failures) statuses: \(outcome.statuses)")
        #expect(fixture.pool.events("worker_exited").contains { $0.contains("signal=9") })
    }

    @Test func workerIsRecycledAfterMaxRequests() throws {
        let fixture = try PoolFixture(workers: 1, arguments: ["--max-requests", "5"])
        let first = try fixture.workerPIDs()
        for _ in 0..<11 { #expect(try fixture.client.get("/health").status == 200) }
        let status = try fixture.status()
        #expect(status["recycles"] as? Int == 2)
        #expect(status["abnormal_exits"] as? Int == 0)
        #expect(try fixture.workerPIDs().isDisjoint(with: first))
    }

    @Test func requestPastTheTimeoutGets504AndItsWorkerIsReplaced() throws {
        let fixture = try PoolFixture(workers: 2, arguments: ["--request-timeout", "1"], readTimeoutSeconds: 1)
        let before = try fixture.workerPIDs()
        let response = try fixture.client.get("/__test/sleep?ms=5000")
        #expect(response.status == 504)
        // The kill is counted before the worker is reaped, so wait for the replacement itself:
        // two workers listed and one of them new.
        let replaced = Deadline.poll(seconds: 5) {
            let status = try? fixture.status()
            let pids = Set(((status?["workers"] as? [[String: Any]]) ?? []).compactMap { ($0["pid"] as? Int).map(Int32.init) })
            return status?["timeout_kills"] as? Int == 1 && pids.count == 2 && !pids.isSubset(of: before)
        }
        #expect(replaced)
        #expect(try fixture.client.get("/health").status == 200)
        #expect(fixture.pool.events("request_timeout").first?.contains(#"uri="/__test/sleep?ms=5000""#) == true)
    }

    @Test func sigtermLetsRequestsInFlightComplete() throws {
        let fixture = try PoolFixture(workers: 3)
        let results = ResultBox()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread {
                let status = (try? fixture.client.get("/__test/sleep?ms=800"))?.status ?? -1
                results.append(status)
                group.leave()
            }.start()
        }
        // Both sleeps are being served before the signal goes out.
        let inFlight = Deadline.poll(seconds: 5) {
            let busy = (try? fixture.workers())?.filter { ($0["request_uri"] as? String)?.hasPrefix("/__test/sleep") == true
                && $0["state"] as? String == "busy" }
            return busy?.count == 2
        }
        #expect(inFlight)
        fixture.pool.signal(SIGTERM)
        #expect(group.wait(timeout: .now() + 10) == .success)
        #expect(results.values == [200, 200])
        #expect(fixture.pool.waitForExit(seconds: 10) == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.pool.socketPath))
    }

    @Test func sighupReplacesEveryWorkerWithoutAFailedRequest() throws {
        let fixture = try PoolFixture(workers: 2)
        let before = try fixture.workerPIDs()
        let load = LoadGenerator(client: fixture.client, target: "/health", connections: 4)
        #expect(Deadline.poll(seconds: 5) { load.count >= 50 })
        fixture.pool.signal(SIGHUP)
        let rolled = Deadline.poll(seconds: 15) {
            guard !fixture.pool.events("reload_finished").isEmpty else { return false }
            let pids = (try? fixture.workerPIDs()) ?? []
            return pids.count == 2 && pids.isDisjoint(with: before)
        }
        let outcome = load.stop()
        #expect(rolled)
        #expect(outcome.nonOK == 0, "failures: \(outcome.failures) statuses: \(outcome.statuses)")
        #expect(outcome.total > 100)
    }

    /// The stop signal used to land, now and then, while a worker read a just-accepted
    /// connection's first records; libfcgi then dropped the connection and nginx answered 502
    /// (about one request in 10,000 over fifteen rolls, most runs).
    @Test func repeatedRollsUnderLoadFailNoRequest() throws {
        let fixture = try PoolFixture(workers: 4)
        let load = LoadGenerator(client: fixture.client, target: "/__test/sleep?ms=0", connections: 12)
        #expect(Deadline.poll(seconds: 5) { load.count >= 50 })
        for round in 1...15 {
            let finished = fixture.pool.events("reload_finished").count
            fixture.pool.signal(SIGHUP)
            #expect(Deadline.poll(seconds: 15) { fixture.pool.events("reload_finished").count > finished }, "roll \(round)")
        }
        let outcome = load.stop()
        #expect(outcome.nonOK == 0, "failures: \(outcome.failures) statuses: \(outcome.statuses)")
        #expect(outcome.total > 1000)
    }

    @Test func sighupWithABrokenConfigKeepsServing() throws {
        let fixture = try PoolFixture(workers: 1)
        let before = try fixture.workerPIDs()
        try "database.url=postgresql:///x\napi.workers=zero\n".write(toFile: fixture.pool.configPath,
                                                                     atomically: true, encoding: .utf8)
        fixture.pool.signal(SIGHUP)
        #expect(Deadline.poll(seconds: 5) { !fixture.pool.events("reload_failed").isEmpty })
        #expect(fixture.pool.events("reload_failed").first?.contains("api.workers") == true)
        #expect(try fixture.client.get("/health").status == 200)
        #expect(try fixture.workerPIDs() == before)
    }

    @Test func oversizeBodyGets413JSON() throws {
        let fixture = try PoolFixture(workers: 1, configLines: ["api.max_body_bytes=1000"])
        let small = try fixture.client.send("POST", "/__test/echo", body: Array(repeating: 65, count: 1000))
        #expect(small.status == 200)
        let large = try fixture.client.send("POST", "/__test/echo", body: Array(repeating: 65, count: 5000))
        #expect(large.status == 413)
        #expect((large.json?["error"] as? [String: Any])?["code"] as? String == "payload_too_large")
    }

    @Test func slowRequestIsLogged() throws {
        let fixture = try PoolFixture(workers: 1, arguments: ["--slowlog-ms", "100"])
        #expect(try fixture.client.get("/__test/sleep?ms=150").status == 200)
        #expect(try fixture.client.get("/health").status == 200)
        let slow = fixture.pool.events("slow_request")
        #expect(slow.count == 1)
        #expect(slow.first?.contains(#"uri="/__test/sleep?ms=150""#) == true)
    }

    @Test func crashingWorkersTripTheCrashLoopGuard() throws {
        let fixture = try PoolFixture(workers: 1)
        for _ in 0..<6 {
            _ = try? fixture.client.get("/__test/crash")
            // Wait for the replacement so the next crash hits a live worker.
            _ = Deadline.poll(seconds: 10) { (try? fixture.client.get("/health"))?.status == 200 }
        }
        #expect(!fixture.pool.events("crash_loop").isEmpty)
        #expect(try fixture.status()["abnormal_exits"] as? Int == 6)
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func append(_ value: Int) { lock.withLock { items.append(value) } }
    var values: [Int] { lock.withLock { items } }
}
