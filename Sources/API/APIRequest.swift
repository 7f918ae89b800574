/// One HTTP request as the API sees it, whatever carried it (FastCGI from nginx, or a test).
public struct APIRequest: Sendable {
    public var method: String
    /// The request path without the query string, still percent-encoded (`/api/issues/ABC-1`).
    public var path: String
    /// The raw query string without `?` (`assignee=jdoe&limit=10`).
    public var rawQuery: String
    /// Header names lowercased with `-` (`x-api-key`, `content-type`); FastCGI's `HTTP_X_API_KEY`
    /// and `CONTENT_TYPE` params map to these. A list, not a dictionary: a request carries a
    /// handful, and hashing each name cost more than scanning them. The last of a repeated name wins.
    public var headerFields: [(name: String, value: String)]
    public var body: [UInt8]
    public var remoteAddress: String?
    /// The client reached nginx over TLS (FastCGI `HTTPS=on` or `REQUEST_SCHEME=https`): the
    /// dashboard's cookie is then marked `Secure`.
    public var overTLS = false

    /// GET and HEAD: the routes change nothing for them.
    var onlyReads: Bool { method == "GET" || method == "HEAD" }

    public init(method: String, path: String, rawQuery: String = "", headers: [String: String] = [:],
                body: [UInt8] = [], remoteAddress: String? = nil) {
        self.init(method: method, path: path, rawQuery: rawQuery,
                  headerFields: headers.map { (name: $0.key.lowercased(), value: $0.value) },
                  body: body, remoteAddress: remoteAddress)
    }

    public init(method: String, path: String, rawQuery: String, headerFields: [(name: String, value: String)],
                body: [UInt8], remoteAddress: String?) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headerFields = headerFields
        self.body = body
        self.remoteAddress = remoteAddress
    }

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headerFields.last { $0.name == wanted }?.value
    }
}

/// What goes back: status, headers in order, body bytes.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Anything that answers API requests; the worker process holds one and calls it per request.
public protocol APIRequestHandler: AnyObject {
    func handle(_ request: APIRequest) -> APIResponse
}
