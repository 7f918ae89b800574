import FoundationEssentials
import Glibc
import TextUtilities

/// Decides, after each outbound attempt, whether to stop or to wait and try again.
///
/// Retries 408, 429, 5xx (except 501/505) and transient transport errors with exponential backoff
/// and full jitter; honours `Retry-After` (seconds or HTTP-date) and GitHub's
/// `X-RateLimit-Remaining: 0` + `X-RateLimit-Reset` on 403/429. Other 4xx are final. Pure: the
/// caller passes the clock reading and the random source.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Upper bound of the first backoff (seconds); doubles per attempt.
    public var baseDelay: Double
    /// Upper bound of any backoff the policy chooses itself.
    public var maxDelay: Double
    /// The longest wait a server may impose (Retry-After, rate-limit reset). Beyond it the call
    /// gives up: waiting less would only be refused again, waiting more would stall the run.
    public var maxServerWait: Double

    public init(maxAttempts: Int = HarvestConfig().maxAttempts, baseDelay: Double = 1, maxDelay: Double = 60,
                maxServerWait: Double = 900) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxServerWait = maxServerWait
    }

    /// - Parameter attempt: the number of the attempt that just ended, 1 for the first.
    public func decide<Random: RandomNumberGenerator>(attempt: Int, outcome: CallOutcome, now: Date,
                                                      random: inout Random) -> RetryDecision {
        let wait: Double
        let what: String
        switch outcome {
        case .transportError(let kind):
            guard kind.isTransient else { return .giveUp(reason: "\(kind.rawValue) error (not retried)") }
            what = "\(kind.rawValue) error"
            wait = backoff(attempt: attempt, random: &random)
        case .response(let status, let rawHeaders):
            if (200..<400).contains(status) { return .success }
            let headers = HeaderFields(rawHeaders)
            if let serverWait = serverImposedWait(status: status, headers: headers, now: now) {
                what = "HTTP \(status)"
                guard serverWait <= maxServerWait else {
                    return .giveUp(reason: "HTTP \(status): server asks to wait \(Int(serverWait.rounded(.up))) s, over the \(Int(maxServerWait)) s limit")
                }
                wait = serverWait
            } else if Self.isRetryable(status: status) {
                what = "HTTP \(status)"
                wait = backoff(attempt: attempt, random: &random)
            } else {
                return .giveUp(reason: "HTTP \(status) (not retried)")
            }
        }
        guard attempt < maxAttempts else {
            return .giveUp(reason: "\(what) after \(attempt) attempt\(attempt == 1 ? "" : "s")")
        }
        return .retry(after: wait)
    }

    /// Full jitter: uniform in [0, min(maxDelay, baseDelay · 2^(attempt−1))].
    func backoff<Random: RandomNumberGenerator>(attempt: Int, random: inout Random) -> Double {
        let exponent = Double(min(max(attempt - 1, 0), 62))
        let ceiling = min(maxDelay, baseDelay * pow(2, exponent))
        guard ceiling > 0 else { return 0 }
        let fraction = Double(random.next() >> 11) / Double(UInt64(1) << 53)
        return ceiling * fraction
    }

    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || ((500..<600).contains(status) && status != 501 && status != 505)
    }

    /// The wait the server asked for, if any: `Retry-After` on 429/503/403 (GitHub's secondary
    /// limit), else an exhausted GitHub quota's reset time on 403/429.
    func serverImposedWait(status: Int, headers: HeaderFields, now: Date) -> Double? {
        guard status == 429 || status == 403 || status == 503 else { return nil }
        if let value = headers["retry-after"] {
            if let seconds = Double(value.trimmingSpaces()), seconds >= 0 { return seconds }
            if let date = HTTPDate.parse(value) { return max(0, date.timeIntervalSince(now)) }
        }
        if status != 503, headers["x-ratelimit-remaining"] == "0",
           let reset = headers["x-ratelimit-reset"].flatMap({ Double($0) }) {
            // One second past the reset: GitHub's clock and ours are not the same clock.
            return max(0, reset - now.timeIntervalSince1970) + 1
        }
        return nil
    }
}

/// Case-insensitive header lookup.
struct HeaderFields {
    private let values: [String: String]

    init(_ headers: [String: String]) {
        var values: [String: String] = [:]
        for (name, value) in headers { values[name.lowercased()] = value }
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }
}
