import Foundation
import Testing
@testable import WorkSupportCore

/// A random source that always draws the same value: 0 → no wait, .max → the whole backoff.
struct FixedRandom: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 2, maxDelay: 10, maxServerWait: 600)
    let now = Date(timeIntervalSince1970: 1_795_169_730)

    func decide(_ outcome: CallOutcome, attempt: Int = 1, random: UInt64 = .max) -> RetryDecision {
        var source = FixedRandom(value: random)
        return policy.decide(attempt: attempt, outcome: outcome, now: now, random: &source)
    }

    func status(_ code: Int, _ headers: [String: String] = [:]) -> CallOutcome {
        .response(status: code, headers: headers)
    }

    @Test func successIsFinal() {
        #expect(decide(status(200)) == .success)
        #expect(decide(status(304)) == .success)
    }

    @Test(arguments: [400, 401, 404, 422, 501])
    func clientErrorsAreNeverRetried(code: Int) {
        #expect(decide(status(code)) == .giveUp(reason: "HTTP \(code) (not retried)"))
    }

    @Test func backoffDoublesPerAttemptWithFullJitter() {
        #expect(decide(status(503), attempt: 1, random: 0) == .retry(after: 0))
        guard case .retry(let first) = decide(status(503), attempt: 1),
              case .retry(let second) = decide(status(500), attempt: 2),
              case .retry(let third) = decide(status(429), attempt: 3) else {
            Issue.record("expected retries")
            return
        }
        #expect(first > 1.99 && first <= 2)
        #expect(second > 3.99 && second <= 4)
        #expect(third > 7.99 && third <= 8)
    }

    @Test func backoffIsCappedAtMaxDelay() {
        let wide = RetryPolicy(maxAttempts: 20, baseDelay: 2, maxDelay: 10)
        var source = FixedRandom(value: .max)
        guard case .retry(let wait) = wide.decide(attempt: 15, outcome: status(502), now: now, random: &source) else {
            Issue.record("expected a retry")
            return
        }
        #expect(wait <= 10 && wait > 9.99)
    }

    @Test func lastAttemptGivesUpWithTheCause() {
        #expect(decide(status(503), attempt: 4) == .giveUp(reason: "HTTP 503 after 4 attempts"))
        #expect(decide(.transportError(.timeout), attempt: 4) == .giveUp(reason: "timeout error after 4 attempts"))
    }

    @Test(arguments: [TransportErrorKind.timeout, .connectionFailed, .connectionReset, .dnsFailure])
    func transientTransportErrorsAreRetried(kind: TransportErrorKind) {
        #expect(decide(.transportError(kind), random: 0) == .retry(after: 0))
    }

    @Test func tlsFailureIsNotRetried() {
        #expect(decide(.transportError(.tls)) == .giveUp(reason: "tls error (not retried)"))
    }

    @Test func retryAfterSecondsIsHonouredExactly() {
        #expect(decide(status(429, ["Retry-After": "37"])) == .retry(after: 37))
    }

    @Test func retryAfterHTTPDateIsRelativeToNow() {
        // now is 2026-11-20 10:15:30 UTC
        #expect(decide(status(503, ["retry-after": "Fri, 20 Nov 2026 10:16:00 GMT"])) == .retry(after: 30))
    }

    @Test func gitHubExhaustedQuotaWaitsUntilReset() {
        let headers = ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1795169790"]
        #expect(decide(status(403, headers)) == .retry(after: 61))
    }

    @Test func forbiddenWithQuotaLeftIsAPermissionProblem() {
        let headers = ["X-RateLimit-Remaining": "4999", "X-RateLimit-Reset": "1795169790"]
        #expect(decide(status(403, headers)) == .giveUp(reason: "HTTP 403 (not retried)"))
    }

    @Test func secondaryRateLimitRetryAfterOn403IsHonoured() {
        #expect(decide(status(403, ["Retry-After": "60"])) == .retry(after: 60))
    }

    @Test func serverWaitBeyondTheLimitGivesUp() {
        #expect(decide(status(429, ["Retry-After": "3600"])) ==
                .giveUp(reason: "HTTP 429: server asks to wait 3600 s, over the 600 s limit"))
    }

    @Test func serverWaitStillCountsAttempts() {
        #expect(decide(status(429, ["Retry-After": "5"]), attempt: 4) == .giveUp(reason: "HTTP 429 after 4 attempts"))
    }
}
