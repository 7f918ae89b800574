import HTTPClient
import JSON
import Testing
@testable import Simulator

/// Every fault mode over real HTTP, scheduled on request 1 so each test is exact.
@Suite struct FaultModeTests {
    func firstResponse(_ spec: String, github: Bool = false) throws -> Result<HTTPResponse, HTTPClientError> {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.control("POST", "/faults", text: spec).status == 200)
            // A fresh connection: libcurl silently retries a request whose reused connection closes
            // without an answer, which would hide a dropped connection.
            let fresh = SimClient(server: client.server)
            do {
                return .success(github ? try fresh.searchGitHub("is:issue") : try fresh.jira("GET", "/rest/api/3/myself"))
            } catch let error as HTTPClientError {
                return .failure(error)
            }
        }
    }

    @Test(arguments: [500, 502, 503])
    func serverErrors(status: Int) throws {
        #expect(try firstResponse("at.1=\(status)").get().status == status)
    }

    @Test func tooManyRequestsCarriesRetryAfter() throws {
        let response = try firstResponse("at.1=429,retry-after=7").get()
        #expect(response.status == 429 && response.header("retry-after") == "7")
    }

    @Test func githubPrimaryRateLimitIs403WithRemainingZero() throws {
        let response = try firstResponse("at.1=ratelimit", github: true).get()
        #expect(response.status == 403)
        #expect(response.header("x-ratelimit-remaining") == "0" && response.header("x-ratelimit-reset") != nil)
    }

    @Test func githubSecondaryRateLimitIs403WithRetryAfter() throws {
        let response = try firstResponse("at.1=secondary,retry-after=3", github: true).get()
        #expect(response.status == 403 && response.header("retry-after") == "3")
        #expect(response.json["message"]?.stringValue?.contains("secondary rate limit") == true)
    }

    @Test func slowResponseArrivesLate() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let response = try firstResponse("at.1=slow,slow-ms=300").get()
        #expect(response.status == 200)
        #expect(started.duration(to: clock.now) >= .milliseconds(300))
    }

    @Test func droppedConnectionIsANetworkError() throws {
        guard case .failure(let error) = try firstResponse("at.1=drop") else { Issue.record("expected failure"); return }
        #expect(error.code == .network)
    }

    @Test func truncatedBodyIsANetworkError() throws {
        guard case .failure(let error) = try firstResponse("at.1=truncate") else { Issue.record("expected failure"); return }
        #expect(error.code == .network)
    }

    @Test func scopeLeavesTheOtherAPIAlone() throws {
        #expect(try firstResponse("at.1=503,scope=github").get().status == 200)
    }

    @Test func faultsRepeatForTheSameSeed() throws {
        func statuses() throws -> [Int] {
            try SimFixture.withSimulator { _, client throws in
                _ = try client.control("POST", "/faults", json: ["spec": "seed=4,error=0.3,429=0.2"])
                return try (1...30).map { _ in try client.jira("GET", "/rest/api/3/myself").status }
            }
        }
        let first = try statuses()
        #expect(first == (try statuses()))
        #expect(first.contains(200) && first.contains { $0 >= 500 } && first.contains(429))
    }

    @Test func badSpecIs400() throws {
        try SimFixture.withSimulator { _, client throws in
            #expect(try client.control("POST", "/faults", text: "error=2").status == 400)
        }
    }
}
