import HTTPServer
import JSON

/// Error bodies in each upstream's own shape.
enum SimResponses {
    static func json(_ status: Int = 200, _ value: JSONValue, headers: [(String, String)] = []) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")] + headers,
                           body: SimJSONWriter.serialize(value, upstreamPlaceholders: true))
    }

    /// Jira: `{"errorMessages":[…],"errors":{}}`.
    static func jiraError(_ status: Int, _ message: String, headers: [(String, String)] = []) -> HTTPServerResponse {
        json(status, ["errorMessages": [.string(message)], "errors": .object(JSONObject())], headers: headers)
    }

    /// GitHub: `{"message":…,"documentation_url":…}`.
    static func githubError(_ status: Int, _ message: String, headers: [(String, String)] = []) -> HTTPServerResponse {
        json(status, ["message": .string(message), "documentation_url": "https://docs.github.com/rest/search/search",
                      "status": .string(String(status))], headers: headers)
    }

    static func githubValidation(_ message: String, field: String = "q") -> HTTPServerResponse {
        json(422, ["message": "Validation Failed",
                   "errors": [["resource": "Search", "field": .string(field), "code": "invalid", "message": .string(message)]],
                   "documentation_url": "https://docs.github.com/rest/search/search", "status": "422"])
    }

    static func control(_ status: Int, _ message: String) -> HTTPServerResponse {
        json(status, ["error": ["message": .string(message)]])
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}
