extension FastCGIRequest {
    /// Writes a complete CGI response: `Status: 200 OK`, the headers in order, a blank line, the body.
    /// CR and LF inside header names or values are replaced by spaces so a value taken from
    /// input cannot start a new header.
    @discardableResult
    public func respond(status: Int, headers: [(String, String)], body: [UInt8]) -> Bool {
        var head = "Status: \(status) \(Self.reasonPhrase(for: status))\r\n"
        for (name, value) in headers {
            head += "\(Self.headerSafe(name)): \(Self.headerSafe(value))\r\n"
        }
        head += "\r\n"
        var response = Array(head.utf8)
        response.append(contentsOf: body)
        return write(response)
    }

    private static func headerSafe(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
