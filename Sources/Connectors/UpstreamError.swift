import HTTPClient

/// A call to Jira or GitHub that did not succeed, after the retries the policy allowed.
public struct UpstreamError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        /// The retry policy stopped (non-retryable status, attempts used up, wait too long).
        case gaveUp
        /// The server answered 2xx with a body we cannot read.
        case invalidResponse
    }

    public var code: Code
    /// What was asked, without credentials (`GET https://api.github.com/search/issues?q=…`).
    public var request: String
    public var status: Int?
    public var attempts: Int
    public var reason: String
    /// Why the last attempt got no HTTP answer (refused, unknown host, timeout, TLS), if it got none.
    public var transportFailure: HTTPClientError? = nil

    public var description: String { "\(request): \(reason)" }
}

/// One retry, reported so the harvest can audit it.
public struct UpstreamRetry: Sendable {
    public var request: String
    public var attempt: Int
    public var status: Int?
    public var reason: String
    public var waitSeconds: Double
}
