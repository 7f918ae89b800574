/// Why a request got no HTTP response. Never contains request headers or body.
public struct HTTPClientError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The connect or total timeout ran out.
        case timeout
        /// Nothing accepted the connection (refused or unreachable).
        case connectionRefused
        case dnsFailure
        /// Handshake failed or the certificate did not verify.
        case tls
        /// The connection broke: reset, closed without an answer, or a truncated body.
        case network
        case tooManyRedirects
        /// Malformed URL or a scheme other than http/https.
        case invalidURL
        /// Anything else: the curl error number when there is one.
        case other(Int32?)
    }

    public var code: Code
    public var method: String
    /// The request URL with any user:password part removed.
    public var url: String
    /// What went wrong, with curl's own explanation when there is one.
    public var message: String

    public init(code: Code, method: String, url: String, message: String) {
        self.code = code
        self.method = method
        self.url = Self.removingUserInfo(from: url)
        self.message = message
    }

    public var description: String {
        "HTTP \(method) \(url): \(message)"
    }

    /// `https://user:token@host/p` → `https://***@host/p`, so credentials in a URL stay out of logs.
    static func removingUserInfo(from url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + "***" + String(url[at...])
    }
}
