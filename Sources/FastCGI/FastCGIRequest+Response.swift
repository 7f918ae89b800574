import HTTPStatus
extension FastCGIRequest {
    /// Writes a complete CGI response: `Status: 200 OK`, the headers in order, a blank line, the body.
    /// CR and LF inside header names or values are replaced by spaces so a value taken from
    /// input cannot start a new header.
    @discardableResult
    public func respond(status: Int, headers: [(String, String)], body: [UInt8]) -> Bool {
        var head = "Status: \(status) \(HTTPStatusReason.phrase(for: status))\r\n"
        for (name, value) in headers {
            head += "\(Self.headerSafe(name)): \(Self.headerSafe(value))\r\n"
        }
        head += "\r\n"
        // Written apart: a large body goes out in its own records without being copied first.
        return write(Array(head.utf8)) && write(body)
    }

    private static func headerSafe(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}
