import Foundation
import HTTPClient
import WorkSupportCore

/// Sends requests to one upstream with timeouts, retries (RetryPolicy: backoff with jitter,
/// Retry-After, rate-limit reset) and a pause when a quota is spent. One per thread: it owns one
/// HTTPClient (one keep-alive connection).
public final class UpstreamTransport {
    let client = HTTPClient()
    let policy: RetryPolicy
    let connectTimeout: Double
    let totalTimeout: Double
    var random: SystemRandomNumberGenerator
    /// Waits between attempts; tests may shorten it, production sleeps.
    let sleep: (Double) -> Void
    let onRetry: (UpstreamRetry) -> Void
    /// Set when a successful answer said the quota is spent: the next call waits until then.
    var quotaResetsAt: Date?
    /// Requests sent, retries included (benchmarks count them).
    public private(set) var requestCount = 0

    public init(policy: RetryPolicy, connectTimeout: Double = 10, totalTimeout: Double = 30,
                sleep: @escaping (Double) -> Void = UpstreamTransport.sleepForReal,
                onRetry: @escaping (UpstreamRetry) -> Void = { _ in }) {
        self.policy = policy
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.random = SystemRandomNumberGenerator()
        self.sleep = sleep
        self.onRetry = onRetry
    }

    /// The production wait between attempts (capped at an hour).
    public static func sleepForReal(_ seconds: Double) {
        if seconds > 0 { usleep(useconds_t(min(seconds, 3600) * 1_000_000)) }
    }

    /// The final 2xx/3xx response, or `UpstreamError` once the policy gives up.
    public func send(_ request: HTTPRequest) throws(UpstreamError) -> HTTPResponse {
        var request = request
        request.connectTimeout = connectTimeout
        request.totalTimeout = totalTimeout
        let label = "\(request.method) \(Self.redacted(request.url))"
        var attempt = 0
        while true {
            attempt += 1
            waitForQuota()
            requestCount += 1
            let outcome: CallOutcome
            var response: HTTPResponse?
            var failure: HTTPClientError?
            do {
                let answer = try client.send(request)
                response = answer
                outcome = .response(status: answer.status, headers: Self.headerDictionary(answer))
            } catch {
                failure = error
                outcome = .transportError(Self.kind(of: error))
            }
            switch policy.decide(attempt: attempt, outcome: outcome, now: Date(), random: &random) {
            case .success:
                if let response { noteQuota(response) }
                return response!
            case .retry(let wait):
                onRetry(UpstreamRetry(request: label, attempt: attempt, status: response?.status,
                                      reason: Self.describe(outcome), waitSeconds: wait))
                sleep(wait)
            case .giveUp(let reason):
                throw UpstreamError(code: .gaveUp, request: label, status: response?.status,
                                    attempts: attempt, reason: reason, transportFailure: failure)
            }
        }
    }

    /// GitHub reports the remaining quota on every answer; spending the last call means the next
    /// one would be refused, so wait for the reset instead of provoking a 403.
    func noteQuota(_ response: HTTPResponse) {
        guard response.header("x-ratelimit-remaining") == "0",
              let reset = response.header("x-ratelimit-reset").flatMap(Double.init) else { return }
        quotaResetsAt = Date(timeIntervalSince1970: reset + 1)
    }

    func waitForQuota() {
        guard let until = quotaResetsAt else { return }
        quotaResetsAt = nil
        let wait = until.timeIntervalSinceNow
        if wait > 0 { sleep(min(wait, policy.maxServerWait)) }
    }

    static func headerDictionary(_ response: HTTPResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name] = value }
        return headers
    }

    static func kind(of error: HTTPClientError) -> TransportErrorKind {
        switch error.code {
        case .timeout: .timeout
        case .connectionRefused: .connectionFailed
        case .dnsFailure: .dnsFailure
        case .network: .connectionReset
        case .tls: .tls
        case .tooManyRedirects, .invalidURL, .other: .other
        }
    }

    static func describe(_ outcome: CallOutcome) -> String {
        switch outcome {
        case .response(let status, _): "HTTP \(status)"
        case .transportError(let kind): "\(kind.rawValue) error"
        }
    }

    /// URLs carry no secrets here (auth is in headers), but strip userinfo defensively.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
              !url[scheme.upperBound..<at].contains("/") else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }
}
