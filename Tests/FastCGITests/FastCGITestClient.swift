#if canImport(Glibc)
import Glibc
#endif

/// A minimal FastCGI client (the web server's side of the protocol) for driving a responder in
/// tests: one request per connection, role RESPONDER, no keep-alive.
struct FastCGITestClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What came back: raw streams plus the END_REQUEST statuses.
    struct Response {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var appStatus: UInt32 = 0
        var protocolStatus: UInt8 = 0

        /// The CGI head split off the body: ("Status" → "200 OK", …) in order.
        var headers: [(String, String)] {
            guard let end = headEnd else { return [] }
            let head = String(decoding: stdout[..<end], as: UTF8.self)
            return head.split(separator: "\r\n").compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingLeadingSpaces)
            }
        }

        var status: String? { headers.first { $0.0 == "Status" }?.1 }

        var body: [UInt8] {
            guard let end = headEnd else { return stdout }
            return Array(stdout[(end + 4)...])
        }

        var bodyText: String { String(decoding: body, as: UTF8.self) }

        private var headEnd: Int? {
            let separator: [UInt8] = [13, 10, 13, 10]
            guard stdout.count >= 4 else { return nil }
            return (0...(stdout.count - 4)).first { Array(stdout[$0..<$0 + 4]) == separator }
        }
    }

    enum RecordType: UInt8 {
        case beginRequest = 1, endRequest = 3, params = 4, stdin = 5, stdout = 6, stderr = 7
    }

    let socketPath: String
    var requestID: UInt16 = 1
    /// BEGIN_REQUEST's FCGI_KEEP_CONN flag: asks the application to leave the connection open.
    var keepConnection = false

    /// `afterResponse` gets the connection once the response is read, before the client closes it.
    func send(params: [(String, String)], body: [UInt8] = [],
              afterResponse: (Int32) -> Void = { _ in }) throws(Failure) -> Response {
        let fd = try connect()
        defer { close(fd) }
        var out: [UInt8] = []
        // role RESPONDER (1), flags 0 (unless kept): the application closes the connection when done.
        appendRecord(.beginRequest, content: [0, 1, keepConnection ? 1 : 0, 0, 0, 0, 0, 0], to: &out)
        var encodedParams: [UInt8] = []
        for (name, value) in params {
            Self.appendLength(name.utf8.count, to: &encodedParams)
            Self.appendLength(value.utf8.count, to: &encodedParams)
            encodedParams += Array(name.utf8) + Array(value.utf8)
        }
        appendStream(.params, bytes: encodedParams, to: &out)
        try writeAll(fd, out)
        // The body goes separately and in pieces, so a large one also exercises the server's reads.
        var bodyRecords: [UInt8] = []
        appendStream(.stdin, bytes: body, to: &bodyRecords)
        try writeAll(fd, bodyRecords)
        let response = try readResponse(fd)
        afterResponse(fd)
        return response
    }

    /// Name-value lengths: one byte below 128, else four bytes with the top bit set.
    static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        if length < 128 {
            bytes.append(UInt8(length))
        } else {
            bytes += [UInt8((length >> 24) & 0x7F) | 0x80, UInt8((length >> 16) & 0xFF),
                      UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        }
    }

    /// A stream is records of at most 65535 bytes, closed by an empty record.
    private func appendStream(_ type: RecordType, bytes: [UInt8], to out: inout [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + 65535, bytes.count)
            appendRecord(type, content: bytes[offset..<end], to: &out)
            offset = end
        }
        appendRecord(type, content: [], to: &out)
    }

    private func appendRecord(_ type: RecordType, content: some Collection<UInt8>, to out: inout [UInt8]) {
        let length = content.count
        let padding = (8 - length % 8) % 8
        out += [1, type.rawValue, UInt8(requestID >> 8), UInt8(requestID & 0xFF),
                UInt8(length >> 8), UInt8(length & 0xFF), UInt8(padding), 0]
        out += content
        out += [UInt8](repeating: 0, count: padding)
    }

    private func readResponse(_ fd: Int32) throws(Failure) -> Response {
        var response = Response()
        while true {
            let header = try readExactly(fd, count: 8)
            let length = Int(header[4]) << 8 | Int(header[5])
            let content = try readExactly(fd, count: length + Int(header[6]))[..<length]
            switch RecordType(rawValue: header[1]) {
            case .stdout: response.stdout += content
            case .stderr: response.stderr += content
            case .endRequest:
                let bytes = Array(content)
                response.appStatus = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
                response.protocolStatus = bytes[4]
                return response
            default: throw Failure(description: "unexpected record type \(header[1])")
            }
        }
    }

    func connect() throws(Failure) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        // A broken server must fail the test, not hang it.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(socketPath.utf8)) }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard status == 0 else {
            close(fd)
            throw Failure(description: "connect \(socketPath): errno \(errno)")
        }
        return fd
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(description: "write: errno \(errno)") }
            offset += written
        }
    }

    private func readExactly(_ fd: Int32, count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes[offset...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw Failure(description: "read: \(got == 0 ? "EOF" : "errno \(errno)")") }
            offset += got
        }
        return bytes
    }
}

extension Substring {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
