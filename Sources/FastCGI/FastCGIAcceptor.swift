import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// Accepts FastCGI requests on an inherited listening socket, one at a time.
///
/// Owns one `FCGX_Request`; use one acceptor per thread (several may share the listening fd).
/// A request handed out by `accept()` stays usable until the next `accept()` or `finish()`.
public final class FastCGIAcceptor {
    private let request: UnsafeMutablePointer<FCGX_Request>
    /// Which handed-out `FastCGIRequest` may still touch the C streams; 0 when none.
    private var activeSerial: UInt64 = 0
    private var lastSerial: UInt64 = 0
    /// Whether ending a request waits for the web server to close its end first (libfcgi's
    /// default: shutdown(2), then read and drop whatever still comes until the peer closes).
    /// That wait keeps a TCP peer from getting a reset that could cost it the end of the
    /// response, and a peer still sending the body from a broken pipe. On a unix socket, once
    /// the whole input was read, there is nothing left to wait for: the worker closes at once
    /// and goes back to accept instead of waiting on nginx (that wait was most of the gap to a
    /// C responder; BENCHMARKS.md has the figures).
    public let lingersOnClose: Bool

    /// `FCGX_Init` once per process; a `static let` initializer runs exactly once, thread-safely.
    private static let libraryStatus: Int32 = FCGX_Init()

    private let listeningFD: Int32

    public init(listeningFD: Int32) {
        _ = Self.libraryStatus
        self.listeningFD = listeningFD
        request = .allocate(capacity: 1)
        request.initialize(to: FCGX_Request())
        _ = FCGX_InitRequest(request, listeningFD, FCGI_FAIL_ACCEPT_ON_INTR)
        lingersOnClose = Self.family(of: listeningFD) != sa_family_t(AF_UNIX)
        // Accepts never block: poll() waits, and a worker that loses a connection to another
        // goes back to its loop instead of sleeping in accept() (shared by every acceptor).
        let flags = fcntl(listeningFD, F_GETFL)
        if flags >= 0 { _ = fcntl(listeningFD, F_SETFL, flags | O_NONBLOCK) }
    }

    private static func family(of fd: Int32) -> sa_family_t? {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        return ok ? address.ss_family : nil
    }

    deinit {
        FCGX_Finish_r(request)
        // A kept-alive web server connection survives Finish; close it with the acceptor.
        if request.pointee.ipcFd >= 0 { FCGX_Free(request, 1) }
        request.deinitialize(count: 1)
        request.deallocate()
    }

    /// Finishes the previous request and waits for the next one. Nil when the listener was shut
    /// down or closed, accept failed, a signal interrupted the wait (errno EINTR), or another
    /// acceptor took the connection (EAGAIN).
    ///
    /// The wait is this acceptor's own poll() and accept(), not libfcgi's: poll() fails with
    /// EINTR on any caught signal, SA_RESTART or not, so a signal can end the wait while the
    /// reads of an accepted connection's first records restart. libfcgi's accept-and-read lets a
    /// signal that lands in those reads drop the connection (the web server answers 502).
    public func accept() -> FastCGIRequest? {
        activeSerial = 0
        // The previous connection closes here unless the web server keeps it for the next request.
        FCGX_Finish_r(request)
        if request.pointee.ipcFd < 0 {
            guard let connection = waitForConnection() else { return nil }
            request.pointee.ipcFd = connection
            // FCGX_Accept_r finishes "the previous request" first, closing a connection not kept;
            // this one is new. Its begin record sets the flag anew.
            request.pointee.keepConnection = 1
        }
        guard FCGX_Accept_r(request) == 0 else { return nil }
        lastSerial += 1
        activeSerial = lastSerial
        return FastCGIRequest(acceptor: self, serial: lastSerial, params: FastCGIParams(envp: request.pointee.envp))
    }

    /// A connection from the listener; nil (errno set) when poll() or accept() fails.
    private func waitForConnection() -> Int32? {
        var listener = pollfd(fd: listeningFD, events: Int16(POLLIN), revents: 0)
        guard poll(&listener, 1, -1) >= 0 else { return nil }
        let connection = Glibc.accept(listeningFD, nil, nil)
        return connection >= 0 ? connection : nil
    }

    /// Flushes and ends the current request (the web server sees the response complete).
    public func finish() {
        guard activeSerial != 0 else { return }
        activeSerial = 0
        // Detached, libfcgi closes without shutdown(2) and the wait for the peer's close. Only
        // when the input was read to its end (-1 is C's EOF): the web server has sent everything.
        if !lingersOnClose, let input = request.pointee.in, FCGX_HasSeenEOF(input) == -1 {
            _ = FCGX_Detach(request)
        }
        FCGX_Finish_r(request)
    }

    func finish(serial: UInt64) {
        if serial == activeSerial { finish() }
    }

    /// Record content of at most this many bytes: a multiple of 8 (no padding) under 65,535.
    static let maxRecordContent = 65_528

    /// Writes `bytes` to the current request's stdout as records of up to 64 KB, after flushing
    /// what the stream holds. libfcgi cuts its stream into 8 KB records, one write(2) and one
    /// wake-up of the web server each: a large release view took over a hundred. The records go
    /// out in one writev(2) (more only when the socket takes less), each header beside its
    /// slice of `bytes`, which is not copied. False when the request is finished or the web
    /// server has gone away.
    func writeOutputInLargeRecords(_ bytes: [UInt8], serial: UInt64) -> Bool {
        guard serial == activeSerial, let out = request.pointee.out, FCGX_FFlush(out) == 0 else { return false }
        let fd = request.pointee.ipcFd
        let id = UInt16(truncatingIfNeeded: request.pointee.requestId)
        let recordCount = (bytes.count + Self.maxRecordContent - 1) / Self.maxRecordContent
        var headers = [UInt8](repeating: 0, count: 8 * recordCount)
        for record in 0..<recordCount {
            let length = min(Self.maxRecordContent, bytes.count - record * Self.maxRecordContent)
            // version 1, FCGI_STDOUT, request id, content length, no padding, reserved
            headers.replaceSubrange(8 * record..<8 * record + 6,
                                    with: [1, 6, UInt8(id >> 8), UInt8(id & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF)])
        }
        return headers.withUnsafeMutableBytes { head in
            bytes.withUnsafeBytes { body in
                var pieces: [iovec] = []
                pieces.reserveCapacity(2 * recordCount)
                for record in 0..<recordCount {
                    let offset = record * Self.maxRecordContent
                    pieces.append(iovec(iov_base: head.baseAddress! + 8 * record, iov_len: 8))
                    pieces.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress! + offset),
                                        iov_len: min(Self.maxRecordContent, bytes.count - offset)))
                }
                return Self.writeAll(fd, &pieces)
            }
        }
    }

    /// IOV_MAX on Linux (which Glibc's module does not export).
    static let maxPiecesPerWrite = 1024

    /// writev(2) until every piece is written, resuming after partial writes.
    private static func writeAll(_ fd: Int32, _ pieces: inout [iovec]) -> Bool {
        writeAll(&pieces) { Glibc.writev(fd, $0, $1) }
    }

    /// The loop of `writeAll(_:_:)` over any writev-like call (tests give one that writes little).
    static func writeAll(_ pieces: inout [iovec], using writev: (UnsafePointer<iovec>, Int32) -> Int) -> Bool {
        var next = 0
        while next < pieces.count {
            let batch = Int32(min(pieces.count - next, Self.maxPiecesPerWrite))
            let result = pieces.withUnsafeBufferPointer { writev($0.baseAddress! + next, batch) }
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            var written = result
            while next < pieces.count, written >= pieces[next].iov_len {
                written -= pieces[next].iov_len
                next += 1
            }
            if written > 0 {
                pieces[next].iov_base = pieces[next].iov_base! + written
                pieces[next].iov_len -= written
            }
        }
        return true
    }

    enum StreamKind { case input, output, error }

    /// The C stream for the request numbered `serial`, or nil once that request is finished.
    func stream(_ kind: StreamKind, serial: UInt64) -> UnsafeMutablePointer<FCGX_Stream>? {
        guard serial == activeSerial else { return nil }
        switch kind {
        case .input: return request.pointee.in
        case .output: return request.pointee.out
        case .error: return request.pointee.err
        }
    }
}
