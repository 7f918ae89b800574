import JSON

extension APIResponse {
    static let jsonContentType = ("Content-Type", "application/json; charset=utf-8")

    static func json(status: Int = 200, _ value: JSONValue) -> APIResponse {
        APIResponse(status: status, headers: [jsonContentType], body: value.serialized())
    }

    /// A document the database serialized, written compactly as every other response is.
    static func json(status: Int = 200, databaseText text: [UInt8]) -> APIResponse {
        APIResponse(status: status, headers: [jsonContentType], body: CompactJSONText.compacted(text))
    }

    static func json(status: Int = 200, databaseText text: String) -> APIResponse {
        APIResponse(status: status, headers: [jsonContentType], body: CompactJSONText.compacted(text))
    }
}
