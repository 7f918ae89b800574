/// The final response of an exchange (after any redirects). Any status, 5xx included, is a response.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields of the final response in order, names lowercased.
    public var headers: [(name: String, value: String)]
    /// The body, already decoded if the server sent it gzip/deflate-compressed.
    public var body: [UInt8]
    /// The URL that produced this response: differs from the request's after redirects.
    public var effectiveURL: String

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], effectiveURL: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
    }

    /// The first header field with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    /// The body as text, or nil if it is not valid UTF-8.
    public var bodyString: String? {
        String(validating: body, as: UTF8.self)
    }
}
