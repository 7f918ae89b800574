import Connectors
import Foundation
import HTTPClient
import Simulator
import Testing
import WorkSupportCore

/// UpstreamTransport against the simulator on 127.0.0.1: retries, Retry-After, the quota pause and
/// the failures it reports. Faults are scheduled by request number so every count is exact; waits
/// go to a recording `sleep`, never to the clock.
@Suite struct UpstreamTransportTests {
    // MARK: retried, then successful

    @Test func serverErrorsAreRetriedWithJitteredBackoffUntilSuccess() throws {
        try Upstream.with("at.1=503,at.2=500,at.3=502") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 60))
            let response = try probe.transport.send(sim.jira("/rest/api/3/myself"))
            #expect(response.status == 200)
            #expect(probe.transport.requestCount == 4)
            #expect(sim.statuses() == [503, 500, 502, 200])
            #expect(probe.retries.map(\.attempt) == [1, 2, 3])
            #expect(probe.retries.map(\.status) == [503, 500, 502])
            #expect(probe.retries.map(\.reason) == ["HTTP 503", "HTTP 500", "HTTP 502"])
            #expect(probe.retries.allSatisfy { $0.request == "GET \(sim.baseURL)/rest/api/3/myself" })
            // Full jitter: attempt n waits in [0, baseDelay · 2^(n−1)), and exactly what it reported.
            #expect(probe.waits == probe.retries.map(\.waitSeconds))
            for (index, wait) in probe.waits.enumerated() {
                #expect(wait >= 0 && wait < pow(2, Double(index)), "attempt \(index + 1) waited \(wait)")
            }
        }
    }

    @Test(arguments: [API.jira, .github])
    func tooManyRequestsIsRetriedAfterTheServersWaitUntilSuccess(api: API) throws {
        try Upstream.with("at.1=429,at.2=429,retry-after=2,scope=\(api.scope)") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 4))
            let response = try probe.transport.send(sim.request(api))
            #expect(response.status == 200)
            #expect(probe.transport.requestCount == 3)
            #expect(sim.statuses() == [429, 429, 200])
            #expect(probe.retries.map(\.attempt) == [1, 2])
            #expect(probe.retries.map(\.status) == [429, 429])
            #expect(probe.retries.map(\.waitSeconds) == [2, 2])
            #expect(probe.waits == [2, 2])
        }
    }

    /// `Retry-After: N` on Jira's and GitHub's 429, GitHub's secondary limit (403) and Jira's rate
    /// limit (429 with a reset too: Retry-After wins) is waited exactly, not backed off.
    @Test(arguments: [(FaultPlan.Kind.tooManyRequests, API.jira, 7), (.tooManyRequests, .github, 3),
                      (.secondaryRateLimit, .github, 5), (.rateLimit, .jira, 120)])
    func retryAfterIsTheWait(kind: FaultPlan.Kind, api: API, seconds: Int) throws {
        try Upstream.with("at.1=\(kind.rawValue),retry-after=\(seconds),scope=\(api.scope)") { sim throws in
            // A base delay far from every N: a backoff could not pass for the server's wait.
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001))
            #expect(try probe.transport.send(sim.request(api)).status == 200)
            #expect(probe.waits == [Double(seconds)])
            #expect(probe.retries.map(\.status) == [api == .github && kind != .tooManyRequests ? 403 : 429])
            #expect(probe.transport.requestCount == 2)
        }
    }

    /// GitHub's primary limit (403, `X-RateLimit-Remaining: 0`) names no Retry-After: the wait runs
    /// to the reset time plus a second for the clocks' difference.
    @Test func githubPrimaryRateLimitWaitsUntilTheReset() throws {
        try Upstream.with("at.1=ratelimit,retry-after=30,scope=github") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001))
            let before = Date().timeIntervalSince1970
            #expect(try probe.transport.send(sim.request(.github)).status == 200)
            let after = Date().timeIntervalSince1970
            #expect(probe.retries.map(\.status) == [403])
            let wait = try #require(probe.waits.first)
            // reset = the simulator's second at the request + 30; wait = reset − our now + 1.
            #expect(probe.waits.count == 1)
            #expect(wait >= before.rounded(.down) + 31 - after && wait <= after.rounded(.down) + 31 - before,
                    "waited \(wait)")
        }
    }

    @Test func droppedConnectionIsRetriedAsANetworkError() throws {
        try Upstream.with("at.1=drop") { sim throws in
            // A new transport has a fresh connection: libcurl does not silently resend on it.
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001))
            #expect(try probe.transport.send(sim.jira("/rest/api/3/myself")).status == 200)
            #expect(probe.transport.requestCount == 2)
            #expect(probe.retries.map(\.reason) == ["connectionReset error"])
            #expect(probe.retries.map(\.status) == [nil])
            #expect(sim.server.requestLog.entries().map(\.fault) == ["drop", nil])
        }
    }

    @Test func answerSlowerThanTheTotalTimeoutIsRetried() throws {
        try Upstream.with("at.1=slow,slow-ms=3000") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001), totalTimeout: 0.4)
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try probe.transport.send(sim.jira("/rest/api/3/myself")).status == 200)
            #expect(clock.now - started < .seconds(2.5), "the timeout cut the 3 s answer short")
            #expect(probe.transport.requestCount == 2)
            #expect(probe.retries.map(\.reason) == ["timeout error"])
        }
    }

    // MARK: the quota pause

    /// A successful answer that spends the last call of the quota (`X-RateLimit-Remaining: 0`)
    /// makes the next call wait for `X-RateLimit-Reset` (+1 s) first, instead of provoking a 403.
    @Test func spentQuotaMakesTheNextCallWaitUntilTheReset() throws {
        try Upstream.with("search-limit=1") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001))
            // The recorded wait passes on the simulator's clock, so its 60 s window really ends.
            probe.afterSleep = sim.advanceClock
            let first = try probe.transport.send(sim.request(.github))
            #expect(first.status == 200 && first.header("x-ratelimit-remaining") == "0")
            let reset = try #require(first.header("x-ratelimit-reset").flatMap(Double.init))
            #expect(probe.waits.isEmpty, "nothing to wait for before the first call")

            let before = Date().timeIntervalSince1970
            let second = try probe.transport.send(sim.request(.github))
            let after = Date().timeIntervalSince1970
            #expect(second.status == 200)
            #expect(probe.waits.count == 1)
            let wait = try #require(probe.waits.first)
            #expect(wait >= reset + 1 - after && wait <= reset + 1 - before, "waited \(wait) for reset \(reset)")
            #expect(wait > 55, "a whole window, not a backoff")
            #expect(probe.retries.isEmpty)
            #expect(probe.transport.requestCount == 2)
            #expect(sim.statuses() == [200, 200], "no 403 was provoked")
        }
    }

    @Test func quotaPauseIsCappedAtTheLongestServerWait() throws {
        try Upstream.with("search-limit=1") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001, maxServerWait: 10))
            probe.afterSleep = sim.advanceClock
            #expect(try probe.transport.send(sim.request(.github)).status == 200)
            // 10 s do not reach the reset: the quota is still spent, and the 403's own wait is over the limit.
            let error = #expect(throws: UpstreamError.self) { try probe.transport.send(sim.request(.github)) }
            #expect(probe.waits == [10])
            #expect(error?.status == 403)
            #expect(error?.attempts == 1)
            #expect(error?.reason.hasPrefix("HTTP 403: server asks to wait ") == true, "\(error?.reason ?? "")")
            #expect(error?.reason.hasSuffix(" s, over the 10 s limit") == true, "\(error?.reason ?? "")")
            #expect(probe.transport.requestCount == 2)
        }
    }

    // MARK: failures

    @Test func serverErrorsBeyondTheLastAttemptFailNamingRequestAndStatus() throws {
        try Upstream.with("at.1=500,at.2=502,at.3=503,at.4=500") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001))
            let error = #expect(throws: UpstreamError.self) { try probe.transport.send(sim.jira("/rest/api/3/myself")) }
            let request = "GET \(sim.baseURL)/rest/api/3/myself"
            #expect(error?.code == .gaveUp)
            #expect(error?.request == request)
            #expect(error?.status == 503)
            #expect(error?.attempts == 3)
            #expect(error?.description == "\(request): HTTP 503 after 3 attempts")
            #expect(probe.transport.requestCount == 3)
            #expect(probe.retries.map(\.status) == [500, 502])
            #expect(sim.statuses() == [500, 502, 503], "no fourth request")
        }
    }

    @Test func tooManyRequestsBeyondTheLastAttemptFailsNamingTheStatus() throws {
        try Upstream.with("429=1,retry-after=4,scope=github") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 2))
            let error = #expect(throws: UpstreamError.self) { try probe.transport.send(sim.request(.github)) }
            #expect(error?.status == 429)
            #expect(error?.attempts == 2)
            #expect(error?.description == "GET \(sim.baseURL)\(API.githubPath): HTTP 429 after 2 attempts")
            #expect(probe.waits == [4])
            #expect(probe.transport.requestCount == 2)
        }
    }

    @Test func closedPortIsRetriedThenFailsAsAConnectionFailure() throws {
        let url = "http://127.0.0.1:\(try Loopback.closedPort())/rest/api/3/myself"
        let probe = Probe(policy: RetryPolicy(maxAttempts: 3, baseDelay: 0.001), connectTimeout: 1, totalTimeout: 2)
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: UpstreamError.self) { try probe.transport.send(HTTPRequest(url: url)) }
        #expect(clock.now - started < .seconds(5))
        #expect(error?.code == .gaveUp)
        #expect(error?.status == nil)
        #expect(error?.attempts == 3)
        #expect(error?.description == "GET \(url): connectionFailed error after 3 attempts")
        #expect(probe.transport.requestCount == 3)
        #expect(probe.retries.map(\.attempt) == [1, 2])
        #expect(probe.retries.map(\.reason) == ["connectionFailed error", "connectionFailed error"])
        #expect(probe.waits == probe.retries.map(\.waitSeconds))
    }

    /// Wrong credentials and a missing issue are final: one request, no wait.
    @Test(arguments: [Refusal.jiraWrongToken, .githubWrongToken, .jiraUnknownIssue])
    func clientErrorFailsAtOnce(refusal: Refusal) throws {
        try Upstream.with("") { sim throws in
            let probe = Probe(policy: RetryPolicy(maxAttempts: 5))
            let request = sim.request(for: refusal)
            let error = #expect(throws: UpstreamError.self) { try probe.transport.send(request) }
            #expect(error?.status == refusal.status)
            #expect(error?.attempts == 1)
            #expect(error?.description == "GET \(request.url): HTTP \(refusal.status) (not retried)")
            #expect(probe.transport.requestCount == 1)
            #expect(probe.retries.isEmpty && probe.waits.isEmpty)
            #expect(sim.statuses() == [refusal.status])
        }
    }
}

// MARK: - support

enum API: Sendable {
    case jira, github

    var scope: String { self == .jira ? "jira" : "github" }
    static let githubPath = "/search/issues?q=is%3Aissue&per_page=5"
}

enum Refusal: Sendable {
    case jiraWrongToken, githubWrongToken, jiraUnknownIssue

    var status: Int { self == .jiraUnknownIssue ? 404 : 401 }
}

/// A transport whose waits and retries are recorded instead of slept.
final class Probe {
    private(set) var waits: [Double] = []
    private(set) var retries: [UpstreamRetry] = []
    /// Runs after a wait is recorded (e.g. to let the simulator's clock pass it).
    var afterSleep: (Double) -> Void = { _ in }
    private(set) var transport: UpstreamTransport!

    init(policy: RetryPolicy, connectTimeout: Double = 2, totalTimeout: Double = 10) {
        transport = UpstreamTransport(policy: policy, connectTimeout: connectTimeout, totalTimeout: totalTimeout,
                                      sleep: { [unowned self] in self.waits.append($0); self.afterSleep($0) },
                                      onRetry: { [unowned self] in self.retries.append($0) })
    }
}

/// A simulator on a free loopback port, with the requests the tests send it.
struct Upstream {
    let server: SimulatorServer

    static let dataset = DatasetGenerator.generate(.init(issues: 100, members: 4, seed: 3, heavyMemberItems: 5))

    static func with(_ faults: String, _ body: (Upstream) throws -> Void) throws {
        let server = try SimulatorServer(dataset: dataset, options: .init(faultPlan: try FaultPlan.parse(faults)))
        try server.start()
        defer { server.stop() }
        try body(Upstream(server: server))
    }

    var baseURL: String { server.baseURL }

    func jira(_ path: String, authorization: String? = nil) -> HTTPRequest {
        HTTPRequest(url: baseURL + path, headers: [("Authorization", authorization ?? server.jiraAuthorization),
                                                   ("Accept", "application/json")])
    }

    func github(_ path: String, authorization: String? = nil) -> HTTPRequest {
        HTTPRequest(url: baseURL + path, headers: [("Authorization", authorization ?? server.githubAuthorization),
                                                   ("Accept", "application/vnd.github+json")])
    }

    func request(_ api: API) -> HTTPRequest {
        api == .jira ? jira("/rest/api/3/myself") : github(API.githubPath)
    }

    func request(for refusal: Refusal) -> HTTPRequest {
        switch refusal {
        case .jiraWrongToken:
            jira("/rest/api/3/myself", authorization: SimCredentials.basicAuthorization(
                email: server.state.dataset.jiraEmail, token: "wrong-token"))
        case .githubWrongToken: github(API.githubPath, authorization: "Bearer wrong-token")
        case .jiraUnknownIssue: jira("/rest/api/3/issue/WSA-99999")
        }
    }

    /// The statuses the simulator answered, in order (dropped connections included as logged).
    func statuses() -> [Int] { server.requestLog.entries().map(\.status) }

    /// Moves the simulator's clock to our now plus the seconds just "slept", as a real wait would.
    func advanceClock(by seconds: Double) {
        let now = server.state.now
        let wall = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        server.state.setClock(SimClock(fixed: max(now, wall) + Int64((seconds * 1000).rounded(.up))))
    }
}

/// A loopback port nothing listens on: bound by us to get a free number, then closed.
enum Loopback {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "bind 127.0.0.1:0: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
