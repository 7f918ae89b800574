import HTTPStatus
extension FastCGIRequest {
    /// Writes a complete CGI response: `Status: 200 OK`, the headers in order (then
    /// `Content-Length` when `contentLength` is given), a blank line, the body.
    /// CR and LF inside header names or values are replaced by spaces so a value taken from
    /// input cannot start a new header.
    @discardableResult
    public func respond(status: Int, headers: [(String, String)], contentLength: Int? = nil, body: [UInt8]) -> Bool {
        var head: [UInt8] = []
        head.reserveCapacity(160)
        head.append(contentsOf: "Status: ".utf8)
        // Three digits without an interpolated String (a request's response path allocates enough).
        if (100...999).contains(status) {
            head.append(contentsOf: [UInt8(48 + status / 100), UInt8(48 + status / 10 % 10), UInt8(48 + status % 10)])
        } else {
            head.append(contentsOf: String(status).utf8)
        }
        head.append(UInt8(ascii: " "))
        head.append(contentsOf: HTTPStatusReason.phrase(for: status).utf8)
        head.append(contentsOf: "\r\n".utf8)
        for (name, value) in headers {
            Self.appendHeaderSafe(name, to: &head)
            head.append(contentsOf: ": ".utf8)
            Self.appendHeaderSafe(value, to: &head)
            head.append(contentsOf: "\r\n".utf8)
        }
        if let contentLength {
            head.append(contentsOf: "Content-Length: ".utf8)
            head.append(contentsOf: String(contentLength).utf8)
            head.append(contentsOf: "\r\n".utf8)
        }
        head.append(contentsOf: "\r\n".utf8)
        // Written apart: a large body goes out in its own records without being copied first.
        return write(head) && write(body)
    }

    /// `text`'s bytes with each CR, LF or CRLF made one space; copied whole when it has none
    /// (always, but for hostile input: copying a byte at a time showed in a worker's profile).
    private static func appendHeaderSafe(_ text: String, to head: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 13 || $0 == 10 }) else {
                head.append(contentsOf: bytes)
                return
            }
            var afterCR = false
            for byte in bytes {
                defer { afterCR = byte == 13 }
                if byte == 10, afterCR { continue }
                head.append(byte == 13 || byte == 10 ? UInt8(ascii: " ") : byte)
            }
        }
    }
}
