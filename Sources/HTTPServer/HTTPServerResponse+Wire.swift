extension HTTPServerResponse {
    /// The status line and header block, ending with the blank line.
    /// `Content-Length` and `Connection` are owned by the server: the handler's own are dropped.
    func encodedHead(closeConnection: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPStatusReason.phrase(for: status))\r\n"
        for (name, value) in headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "connection" { continue }
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        if closeConnection { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }

    /// Whether the handler asked to close the connection after this response.
    var asksToClose: Bool {
        header("Connection")?.lowercased() == "close"
    }
}

/// Reason phrases for the status line; clients ignore them, humans reading traces do not.
enum HTTPStatusReason {
    static func phrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
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
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
