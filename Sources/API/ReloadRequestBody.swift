import JSON

/// The optional body of `POST /api/harvest/reload`: `{"force": true}` or `force=true` as a form.
enum ReloadRequestBody {
    /// The body's `force`, nil when the body is empty or does not set it.
    static func force(_ request: APIRequest) throws(APIError) -> Bool? {
        guard !request.body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) else { return nil }
        let contentType = (request.header("content-type") ?? "").lowercased()
        if contentType.hasPrefix("application/json") {
            let document: JSONValue
            do throws(JSONError) {
                document = try JSONValue.parse(request.body)
            } catch {
                throw APIError(.invalidBody, "the body is not valid JSON: \(error.message)")
            }
            guard let object = document.objectValue else {
                throw APIError(.invalidBody, "the body must be a JSON object such as {\"force\": true}")
            }
            if let unknown = object.keys.first(where: { $0 != "force" }) {
                throw APIError(.unknownParameter, "unknown body member '\(unknown.prefix(40))' (accepted: force)",
                               parameter: unknown)
            }
            guard let value = object["force"] else { return nil }
            guard let force = value.boolValue else { throw APIError.invalid("force", "must be true or false") }
            return force
        }
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            let form = try QueryParameters(parsing: String(decoding: request.body, as: UTF8.self))
            try form.requireOnly(["force"])
            return try form.boolean("force")
        }
        throw APIError(.unsupportedMediaType,
                       "send the body as application/json or application/x-www-form-urlencoded, or send none")
    }
}
