import JSON

extension APIError {
    /// The one mapping from an error to a response: `{"error":{"code","message"[,"parameter"]}}`.
    public var response: APIResponse {
        var body: JSONObject = ["code": .string(code.rawValue), "message": .string(message)]
        if let parameter { body["parameter"] = .string(parameter) }
        var response = APIResponse.json(status: code.status, .object(["error": .object(body)]))
        response.headers += headers.map { ($0.name, $0.value) }
        return response
    }
}
