/// How one outbound HTTP attempt ended, as the retry policy needs to see it.
public enum CallOutcome: Sendable, Equatable {
    /// The server answered. Header names in any case.
    case response(status: Int, headers: [String: String])
    /// No answer: the request failed below HTTP.
    case transportError(TransportErrorKind)
}

public enum TransportErrorKind: String, Sendable, Equatable {
    case timeout
    case connectionFailed
    case connectionReset
    case dnsFailure
    /// TLS handshake or certificate failure: retrying will not fix a bad certificate.
    case tls
    /// Anything else the transport reported (e.g. a malformed URL): not retried.
    case other

    var isTransient: Bool {
        switch self {
        case .timeout, .connectionFailed, .connectionReset, .dnsFailure: return true
        case .tls, .other: return false
        }
    }
}

/// What to do after an attempt.
public enum RetryDecision: Sendable, Equatable {
    case success
    /// Wait this many seconds, then try again.
    case retry(after: Double)
    /// Stop; `reason` goes into `harvest_errors`.
    case giveUp(reason: String)
}
