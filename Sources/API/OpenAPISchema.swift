import JSON

/// Small builders for the JSON Schema (2020-12, as OpenAPI 3.1 uses) of the API document.
enum OpenAPISchema {
    static let string: JSONValue = ["type": "string"]
    /// A parameter value the API refuses when empty or holding a NUL (400 naming it).
    static let nonEmptyString: JSONValue = ["type": "string", "minLength": 1, "pattern": noNUL]
    static let noNUL: JSONValue = "^[^\\x00]*$"
    /// A database id in a path: a positive 64-bit integer (anything larger is a 400, not a 404).
    static let rowID: JSONValue = ["type": "integer", "format": "int64", "minimum": 1, "maximum": .int(Int64.max)]
    static let integer: JSONValue = ["type": "integer"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let stringArray: JSONValue = ["type": "array", "items": string]

    static func nullable(_ type: String, format: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": .array([.string(type), "null"])]
        if let format { schema["format"] = .string(format) }
        return .object(schema)
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func nullableRef(_ name: String) -> JSONValue { ["oneOf": [ref(name), ["type": "null"]]] }

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static func enumeration(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }

    /// An object schema; every property is required unless listed in `optional`. `closed`: other
    /// members are refused (request bodies the API checks member by member).
    static func object(_ properties: [(String, JSONValue)], optional: Set<String> = [],
                       closed: Bool = false, description: String? = nil) -> JSONValue {
        var schema: JSONObject = [
            "type": "object",
            "properties": .object(JSONObject(properties)),
            "required": .array(properties.map(\.0).filter { !optional.contains($0) }.map { .string($0) }),
        ]
        if closed { schema["additionalProperties"] = false }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// A query or path parameter.
    static func parameter(_ name: String, in location: String = "query", _ schema: JSONValue,
                          _ description: String, required: Bool = false, repeatable: Bool = false) -> JSONValue {
        var parameter: JSONObject = [
            "name": .string(name), "in": .string(location), "description": .string(description),
            "required": .bool(required || location == "path"),
            "schema": repeatable ? array(schema) : schema,
        ]
        if repeatable {
            parameter["style"] = "form"
            parameter["explode"] = true
        }
        return .object(parameter)
    }

    /// A JSON response with the schema named `schemaName`. `links`: (name, operationId,
    /// parameter, runtime expression) from this response to an operation that takes a value of it.
    static func jsonResponse(_ description: String, _ schemaName: String, headers: JSONObject? = nil,
                             links: [(String, String, String, String)] = []) -> JSONValue {
        var response: JSONObject = [
            "description": .string(description),
            "content": ["application/json": ["schema": ref(schemaName)]],
        ]
        if let headers { response["headers"] = .object(headers) }
        if !links.isEmpty {
            response["links"] = .object(JSONObject(links.map { name, operation, parameter, expression in
                (name, ["operationId": .string(operation), "parameters": [parameter: .string(expression)]])
            }))
        }
        return .object(response)
    }

    static func errorResponse(_ status: Int) -> (String, JSONValue) {
        (String(status), ["$ref": .string("#/components/responses/Error\(status)")])
    }
}
