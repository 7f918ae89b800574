import HTTPStatus

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
