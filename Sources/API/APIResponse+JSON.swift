import JSON

extension APIResponse {
    static let jsonContentType = ("Content-Type", "application/json; charset=utf-8")

    static func json(status: Int = 200, _ value: JSONValue) -> APIResponse {
        APIResponse(status: status, headers: [jsonContentType], body: value.serialized())
    }

    /// A document the database already serialized: passed through as it is.
    static func json(status: Int = 200, text: String) -> APIResponse {
        APIResponse(status: status, headers: [jsonContentType], body: Array(text.utf8))
    }
}
