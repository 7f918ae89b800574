/// One parsed HTTP/1.1 request as the handler sees it.
public struct HTTPServerRequest: Sendable {
    public var method: String
    /// The path part of the request target, not percent-decoded (`/rest/api/3/search/jql`).
    public var path: String
    /// Everything after `?` in the request target, not decoded; empty when there is none.
    public var rawQuery: String
    /// Query items in order, names and values percent-decoded with `+` read as a space.
    public var queryItems: [(name: String, value: String)]
    /// Header fields in the order received, names as the client spelled them.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, rawQuery: String = "",
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.queryItems = QueryString.decodeItems(rawQuery)
        self.headers = headers
        self.body = body
    }

    /// The first header field with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The first query item with this (decoded) name.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    public var bodyString: String? {
        String(validating: body, as: UTF8.self)
    }
}
