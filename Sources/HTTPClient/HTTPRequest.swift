/// One outbound HTTP request. Header values and the body may carry secrets: they are never
/// copied into errors or logs by this module.
public struct HTTPRequest: Sendable {
    /// "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", …
    public var method: String
    public var url: String
    /// Sent as given; a header with an empty value is sent empty (not dropped).
    public var headers: [(String, String)]
    /// nil sends no body; `[]` sends an empty one with `Content-Length: 0`.
    public var body: [UInt8]?
    /// Seconds to establish the connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds for the whole exchange, redirects included.
    public var totalTimeout: Double
    /// Follows up to `HTTPRequest.maxRedirects` redirects when true; returns the 3xx when false.
    public var followRedirects: Bool

    public static let maxRedirects = 5

    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
                connectTimeout: Double = 10, totalTimeout: Double = 60, followRedirects: Bool = true) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.followRedirects = followRedirects
    }
}
