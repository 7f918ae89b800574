import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny blocking HTTP/1.1 client for tests through nginx: one request per connection
/// (`Connection: close`), read to EOF. No dependency on the HTTPClient module.
public struct HTTPTestClient: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
        /// The body parsed as a JSON object, or nil.
        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let host: String
    public let port: Int
    public var timeoutSeconds: Int
    /// The local address to connect from (e.g. 127.0.0.2, to be a client other than localhost's
    /// 127.0.0.1 to nginx's `allow` rules); nil lets the kernel choose.
    public var sourceAddress: String?

    public init(host: String = "127.0.0.1", port: Int, timeoutSeconds: Int = 20, sourceAddress: String? = nil) {
        self.host = host
        self.port = port
        self.timeoutSeconds = timeoutSeconds
        self.sourceAddress = sourceAddress
    }

    public func get(_ target: String, headers: [(String, String)] = []) throws(Failure) -> Response {
        try send("GET", target, headers: headers, body: [])
    }

    public func send(_ method: String, _ target: String, headers: [(String, String)] = [],
                     body: [UInt8] = []) throws(Failure) -> Response {
        let fd = try connect()
        defer { close(fd) }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try writeAll(fd, Array(head.utf8) + body)
        return try parse(readToEnd(fd))
    }

    private func connect() throws(Failure) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let sourceAddress {
            var source = sockaddr_in()
            source.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, sourceAddress, &source.sin_addr)
            let bound = withUnsafePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                let saved = errno
                close(fd)
                throw Failure(description: "bind \(sourceAddress): errno \(saved)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            let saved = errno
            close(fd)
            throw Failure(description: "connect \(host):\(port): errno \(saved)")
        }
        return fd
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            // The server may answer (413) and close before the whole body is sent.
            if written < 0 && (errno == EPIPE || errno == ECONNRESET) { return }
            guard written > 0 else { throw Failure(description: "write: errno \(errno)") }
            offset += written
        }
    }

    private func readToEnd(_ fd: Int32) throws(Failure) -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let got = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got < 0 && errno == EINTR { continue }
            if got < 0 && errno == ECONNRESET && !data.isEmpty { return data }
            guard got >= 0 else { throw Failure(description: "read: errno \(errno) after \(data.count) bytes") }
            if got == 0 { return data }
            data += chunk[..<got]
        }
    }

    private func parse(_ raw: [UInt8]) throws(Failure) -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard raw.count >= 4, let end = (0...(raw.count - 4)).first(where: { Array(raw[$0..<$0 + 4]) == separator })
        else { throw Failure(description: "no HTTP head in \(raw.count) bytes") }
        let lines = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line '\(lines[0])'")
        }
        let headers: [(String, String)] = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(raw[(end + 4)...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased() == "chunked" }) {
            body = Self.dechunk(body)
        }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                  let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self)
                    .split(separator: ";")[0], radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            out += bytes[start..<min(start + size, bytes.count)]
            index = start + size + 2
        }
        return out
    }
}
