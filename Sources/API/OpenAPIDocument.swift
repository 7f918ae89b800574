import JSON

/// The OpenAPI 3.1 description of every route, served at `GET /api/openapi.json`.
public enum OpenAPIDocument {
    /// The document as served: indented, so that `docs/openapi.json` (the same bytes, checked in
    /// and compared in a test) shows each change to the contract as a readable diff.
    public static let text: [UInt8] = document.serialized(pretty: true) + [UInt8(ascii: "\n")]


    static let document: JSONValue = .object([
        "openapi": "3.1.0",
        "info": [
            "title": "WorkSupport API",
            "version": "1.0.0",
            "description": """
                Jira and GitHub issues harvested into PostgreSQL. Every /api/ path except this document \
                needs an API key (X-API-Key or Authorization: Bearer); the /api/ingest/ webhooks are \
                authenticated by their HMAC signature instead. Times are RFC 3339 UTC. Errors are \
                {"error":{"code","message"}} with the HTTP status. Unknown query parameters are refused with 400.
                """,
        ],
        "paths": .object(JSONObject(paths.map { ($0.key, $0.value) } + webhookPaths + deliveryPaths + teamPaths)),
        "components": [
            "schemas": .object(schemas),
            "responses": .object(errorResponses),
            "securitySchemes": [
                "apiKeyHeader": ["type": "apiKey", "in": "header", "name": "X-API-Key"],
                "bearer": ["type": "http", "scheme": "bearer"],
            ],
        ],
        "security": [["apiKeyHeader": []], ["bearer": []]],
    ])

    static let errorMeanings: [(Int, String)] = [
        (400, "Invalid parameter (the message and `parameter` name it)"),
        (401, "Missing, unknown or revoked API key"),
        (404, "No such resource"),
        (405, "Method not allowed (see the Allow header)"),
        (409, "A reload is already queued or running"),
        (413, "Request body too large"),
        (415, "Unsupported body content type"),
        (422, "The body is well-formed but has invalid fields (`fields` names every one)"),
        (429, "Past this client's request rate (nginx answers; see the Retry-After header)"),
        (500, "Internal error (details in the service log)"),
        (503, "The database is unavailable"),
    ]

    static var errorResponses: JSONObject {
        var responses = JSONObject()
        for (status, meaning) in errorMeanings {
            let headers: JSONObject? = status == 429
                ? ["Retry-After": ["description": "Seconds to wait before the next request", "schema": S.integer]]
                : nil
            responses["Error\(status)"] = S.jsonResponse(meaning, "Error", headers: headers)
        }
        return responses
    }

    /// An operation; every one can answer 405, 429 (the nginx site's rate limits), 500 and 503,
    /// keyed ones also 401.
    static func operation(_ id: String, _ summary: String, parameters: [JSONValue] = [],
                          responses: [(String, JSONValue)], errors: [Int], authenticated: Bool = true,
                          requestBody: JSONValue? = nil) -> JSONValue {
        var all = responses
        let common = (authenticated ? [401] : []) + [405, 429, 500, 503]
        for status in (errors + common).sorted() { all.append(S.errorResponse(status)) }
        var operation: JSONObject = [
            "operationId": .string(id), "summary": .string(summary),
            "parameters": .array(parameters), "responses": .object(JSONObject(all)),
        ]
        if !authenticated { operation["security"] = [] }
        if let requestBody { operation["requestBody"] = requestBody }
        return .object(operation)
    }
}
