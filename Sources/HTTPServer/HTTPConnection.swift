/// Serves the requests of one accepted connection, one after the other (keep-alive).
struct HTTPConnection {
    /// Larger request heads are answered 431.
    static let maxHeadBytes = 64 * 1024
    /// How long a refused request's remaining input is read before closing.
    static let lingerSeconds = 1.0

    let fd: Int32
    let maxBodyBytes: Int
    let handler: HTTPServer.Handler
    private var buffer: [UInt8] = []

    init(fd: Int32, maxBodyBytes: Int, handler: @escaping HTTPServer.Handler) {
        self.fd = fd
        self.maxBodyBytes = maxBodyBytes
        self.handler = handler
    }

    /// Returns when the client closes, asks to close, or an error or fault ends the connection.
    /// The caller closes the descriptor.
    mutating func run() {
        while serveNextRequest() {}
    }

    /// Reads one request, answers it; true if the connection stays open for another.
    private mutating func serveNextRequest() -> Bool {
        guard let headLength = readHead() else { return false }
        let head: HTTPRequestHead
        do {
            head = try HTTPRequestHead(parsing: buffer[..<(headLength - 4)])
        } catch {
            return refuse(status: 400, "malformed request head: \(error)")
        }
        if head.header("Transfer-Encoding") != nil {
            return refuse(status: 501, "request bodies must be sent with Content-Length")
        }
        var bodyLength = 0
        if let declared = head.header("Content-Length") {
            guard let length = Int(declared), length >= 0 else {
                return refuse(status: 400, "invalid Content-Length")
            }
            bodyLength = length
        }
        guard bodyLength <= maxBodyBytes else {
            return refuse(status: 413, "request body over \(maxBodyBytes) bytes")
        }
        let requestLength = headLength + bodyLength
        if head.header("Expect")?.lowercased() == "100-continue", buffer.count < requestLength {
            guard Socket.sendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n".utf8) else { return false }
        }
        while buffer.count < requestLength {
            guard Socket.receive(fd, appendingTo: &buffer) else { return false }
        }

        let (path, rawQuery) = head.pathAndQuery
        let request = HTTPServerRequest(
            method: head.method, path: path, rawQuery: rawQuery,
            headers: head.headers.map { (name: $0.name, value: $0.value) },
            body: Array(buffer[headLength..<requestLength]))
        buffer.removeFirst(requestLength)
        let response = handler(request)
        let keepAlive = head.wantsKeepAlive && !response.asksToClose
        return send(response, withBody: head.method != "HEAD", keepAlive: keepAlive)
    }

    /// Reads until the blank line ending the head; returns the head's length including it,
    /// or nil if the connection ended (or the head was too large and refused).
    private mutating func readHead() -> Int? {
        var searchFrom = 0
        while true {
            if let end = Self.endOfHead(in: buffer, from: searchFrom) { return end }
            if buffer.count > Self.maxHeadBytes {
                _ = refuse(status: 431, "request head over \(Self.maxHeadBytes) bytes")
                return nil
            }
            searchFrom = max(0, buffer.count - 3)
            guard Socket.receive(fd, appendingTo: &buffer) else { return nil }
        }
    }

    /// The index just past the first CRLF CRLF at or after `start`.
    static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index + 4
            }
            index += 1
        }
        return nil
    }

    /// Sends the response, misbehaving as its fault says; true if the connection stays open.
    private func send(_ response: HTTPServerResponse, withBody: Bool, keepAlive: Bool) -> Bool {
        switch response.fault {
        case .none:
            break
        case .delay(let seconds):
            guard Socket.waitUnlessHungUp(fd, seconds: seconds) else { return false }
        case .dropConnection:
            return false
        case .truncateBody(let bytes):
            let partial = response.encodedHead(closeConnection: true) + response.body.prefix(max(0, bytes))
            _ = Socket.sendAll(fd, partial)
            return false
        }
        let head = response.encodedHead(closeConnection: !keepAlive)
        guard Socket.sendAll(fd, withBody ? head + response.body : head) else { return false }
        return keepAlive
    }

    /// Answers an unacceptable request without calling the handler, then ends the connection.
    private func refuse(status: Int, _ message: String) -> Bool {
        let response = HTTPServerResponse.text(status: status, message + "\n")
        if Socket.sendAll(fd, response.encodedHead(closeConnection: true) + response.body) {
            Socket.shutdownWrite(fd)
            Socket.discardInput(fd, forAtMost: Self.lingerSeconds)
        }
        return false
    }
}
