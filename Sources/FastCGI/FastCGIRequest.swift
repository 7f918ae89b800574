import CFastCGI

/// One request from the web server: its CGI parameters, its body, and the response streams.
///
/// Writes after `finish()` (or after the acceptor moved on) are ignored, so a stale reference can
/// never write into someone else's response.
public final class FastCGIRequest {
    /// Every CGI parameter the web server sent (REQUEST_METHOD, DOCUMENT_URI, HTTP_*, …).
    public let params: FastCGIParams
    private let acceptor: FastCGIAcceptor
    private let serial: UInt64

    init(acceptor: FastCGIAcceptor, serial: UInt64, params: FastCGIParams) {
        self.acceptor = acceptor
        self.serial = serial
        self.params = params
    }

    public func param(_ name: String) -> String? { params[name] }

    public var method: String { params["REQUEST_METHOD"] ?? "" }
    /// The path without the query string; what the router matches on.
    public var documentURI: String? { params["DOCUMENT_URI"] }
    /// The path as the client sent it, query string included.
    public var requestURI: String? { params["REQUEST_URI"] }
    public var queryString: String { params["QUERY_STRING"] ?? "" }
    /// CONTENT_LENGTH when present and a valid non-negative number.
    public var contentLength: Int? {
        guard let text = params["CONTENT_LENGTH"], let length = Int(text), length >= 0 else { return nil }
        return length
    }

    /// Reads the whole body, holding at most `maxBytes` of it in memory.
    ///
    /// Past the limit the rest of the body is read and discarded before `.bodyTooLarge` is thrown,
    /// so the web server is not left blocked mid-upload and still receives the 413 response.
    /// Reads go through an uninitialized scratch buffer on the stack: a zeroed 16 KB array per
    /// request showed in the profile of bodiless GETs.
    public func readBody(maxBytes: Int) throws(FastCGIError) -> [UInt8] {
        guard let input = acceptor.stream(.input, serial: serial) else { return [] }
        var body: [UInt8] = []
        let tooLarge = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 16 * 1024) { chunk -> Bool in
            while true {
                let count = Int(FCGX_GetStr(chunk.baseAddress!, Int32(chunk.count), input))
                if count <= 0 { return false }
                // Looked up only for a body: most requests (GETs) have none.
                if body.isEmpty { body.reserveCapacity(min(max(contentLength ?? 0, count), maxBytes)) }
                guard body.count + count <= maxBytes else {
                    while FCGX_GetStr(chunk.baseAddress!, Int32(chunk.count), input) > 0 {}
                    return true
                }
                chunk.withMemoryRebound(to: UInt8.self) { body.append(contentsOf: $0[..<count]) }
            }
        }
        if tooLarge {
            throw FastCGIError(code: .bodyTooLarge, context: "request body exceeds \(maxBytes) bytes")
        }
        let status = FCGX_GetError(input)
        guard status == 0 else {
            throw FastCGIError(code: .readFailed, context: "reading request body",
                               systemErrno: status > 0 ? status : nil)
        }
        return body
    }

    /// Appends to the response (CGI headers first, then the body). False when the web server
    /// has gone away or the request is already finished.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        put(bytes, on: .output)
    }

    @discardableResult
    public func write(_ string: String) -> Bool {
        write(Array(string.utf8))
    }

    /// Writes to the FastCGI stderr stream, which the web server logs (nginx: error.log).
    @discardableResult
    public func writeError(_ string: String) -> Bool {
        put(Array(string.utf8), on: .error)
    }

    /// Flushes the response and ends the request.
    public func finish() {
        acceptor.finish(serial: serial)
    }

    private func put(_ bytes: [UInt8], on kind: FastCGIAcceptor.StreamKind) -> Bool {
        guard let stream = acceptor.stream(kind, serial: serial) else { return false }
        guard !bytes.isEmpty else { return true }
        if kind == .output, bytes.count >= FastCGIAcceptor.maxRecordContent {
            return acceptor.writeOutputInLargeRecords(bytes, serial: serial)
        }
        let written = bytes.withUnsafeBytes { raw in
            FCGX_PutStr(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), stream)
        }
        return Int(written) == bytes.count
    }
}
