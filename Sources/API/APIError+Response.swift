import JSON

extension APIError {
    /// The one mapping from an error to a response: `{"error":{"code","message"[,"parameter"][,"fields"]}}`.
    public var response: APIResponse {
        var body: JSONObject = ["code": .string(code.rawValue), "message": .string(message)]
        if let parameter { body["parameter"] = .string(parameter) }
        if !fields.isEmpty {
            body["fields"] = .array(fields.map { .object(["field": .string($0.field), "message": .string($0.message)]) })
        }
        var response = APIResponse.json(status: code.status, .object(["error": .object(body)]))
        response.headers += headers.map { ($0.name, $0.value) }
        return response
    }
}
