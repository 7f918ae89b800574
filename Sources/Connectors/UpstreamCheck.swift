import HTTPClient

/// What one cheap authenticated call to an upstream said, for `worksupport check`: ok, with whose
/// the credentials are and the rate budget left where the upstream tells; or why not, its first
/// words the kind of problem an operator acts on (refused token, unknown host, timeout, TLS).
public struct UpstreamCheck: Sendable, Equatable {
    public var isOK: Bool
    /// After `ok`: what the upstream said; otherwise the reason.
    public var detail: String

    public static func ok(_ detail: String) -> UpstreamCheck { UpstreamCheck(isOK: true, detail: detail) }
    public static func failed(_ reason: String) -> UpstreamCheck { UpstreamCheck(isOK: false, detail: reason) }

    /// `jira: ok (…)`, or `jira: refused token (…)`.
    public func line(upstream: String) -> String {
        isOK ? "\(upstream): ok (\(detail))" : "\(upstream): \(detail)"
    }

    /// The failed check for what a client call threw.
    public static func failure(_ error: any Error) -> UpstreamCheck {
        guard let error = error as? UpstreamError else { return .failed("\(error)") }
        if let transport = error.transportFailure {
            // The message is "<summary> (curl N: <curl's words>)": the summary leads for a timeout
            // (it has the seconds waited), the kind of problem otherwise; curl's words follow.
            let (summary, curlWords) = Self.split(transport.message)
            let kind = switch transport.code {
            case .dnsFailure: "unknown host"
            case .connectionRefused: "connection refused"
            case .timeout: summary
            case .tls: "TLS failure"
            case .network: "connection broken"
            case .tooManyRedirects, .invalidURL, .other: summary
            }
            return .failed("\(kind) (\(error.request)\(curlWords.map { ": \($0)" } ?? ""))")
        }
        switch error.status {
        case 401?: return .failed("refused token (HTTP 401 from \(error.request))")
        case 403?: return .failed("forbidden (HTTP 403 from \(error.request)): the token lacks a permission, or its rate budget is spent")
        case let status? where error.code == .gaveUp: return .failed("HTTP \(status) from \(error.request)")
        default: return .failed("unexpected answer from \(error.request): \(error.reason)")
        }
    }

    /// "timeout after 2.0 s (curl 28: …)" → ("timeout after 2.0 s", "curl 28: …").
    static func split(_ message: String) -> (summary: String, curlWords: String?) {
        guard let open = message.range(of: " (curl "), message.hasSuffix(")") else { return (message, nil) }
        let words = message[message.index(after: open.lowerBound)...].dropFirst().dropLast()
        return (String(message[..<open.lowerBound]), String(words))
    }
}
