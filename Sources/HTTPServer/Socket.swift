#if canImport(Glibc)
import Glibc
#endif

/// Thin helpers over POSIX socket calls on raw descriptors; the owner decides when to close.
enum Socket {
    /// A TCP socket bound to `host:port` and listening. `port` 0 picks an ephemeral port.
    static func listen(host: String, port: Int, backlog: Int32 = 128) throws(HTTPServerError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let address = list?.pointee else {
            throw HTTPServerError(code: .invalidAddress, host: host, port: port,
                                  message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        let fd = socket(address.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .fromErrno(.socketFailed, host: host, port: port) }
        // Lets tests and restarts rebind a port whose old connections sit in TIME_WAIT.
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, address.ai_addr, address.ai_addrlen) == 0 else {
            let error = HTTPServerError.fromErrno(.bindFailed, host: host, port: port)
            close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = HTTPServerError.fromErrno(.listenFailed, host: host, port: port)
            close(fd)
            throw error
        }
        return fd
    }

    /// The port a socket is bound to (the ephemeral one when bound to 0).
    static func localPort(of fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return 0 }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            return 0
        }
    }

    /// Accepts one connection; nil when the listener was shut down or failed for good.
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                // accept4 is hidden from Swift's Glibc module; keep connections out of child processes.
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                return fd
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO: continue
            // Out of descriptors or memory: transient, but avoid a hot loop.
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: usleep(10_000)
            default: return nil
            }
        }
    }

    /// Appends up to 64 KiB read from `fd`; false on end of stream or error.
    static func receive(_ fd: Int32, appendingTo buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// Writes all bytes; false if the peer went away. MSG_NOSIGNAL: a hang-up must not raise SIGPIPE.
    static func sendAll(_ fd: Int32, _ bytes: some Collection<UInt8>) -> Bool {
        let data = Array(bytes)
        var offset = 0
        while offset < data.count {
            let sent = data.withUnsafeBytes {
                send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    /// Waits up to `seconds`; returns false early if the peer hung up or the socket was shut down.
    static func waitUnlessHungUp(_ fd: Int32, seconds: Double) -> Bool {
        let deadline = Deadline(seconds: seconds)
        while let milliseconds = deadline.remainingMilliseconds() {
            // Only hang-up events are requested, so pipelined request bytes do not end the wait.
            var entry = pollfd(fd: fd, events: Int16(pollReadHangUp), revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno != EINTR { return false }
            if ready > 0 { return false }
        }
        return true
    }

    /// Reads and throws away what the client still sends, until it closes or `seconds` pass.
    /// Closing with unread input makes the kernel send a reset, which can destroy the
    /// error response the client has not read yet ("lingering close").
    static func discardInput(_ fd: Int32, forAtMost seconds: Double) {
        let deadline = Deadline(seconds: seconds)
        var scratch = [UInt8](repeating: 0, count: 65_536)
        while let milliseconds = deadline.remainingMilliseconds() {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return }
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
        }
    }

    /// A point on the monotonic clock, counted down in poll(2) milliseconds.
    private struct Deadline {
        let clock = ContinuousClock()
        let instant: ContinuousClock.Instant

        init(seconds: Double) {
            instant = clock.now + .milliseconds(Int64(max(0, seconds) * 1000))
        }

        /// Milliseconds left, rounded up; nil once the deadline has passed.
        func remainingMilliseconds() -> Int32? {
            let remaining = clock.now.duration(to: instant)
            guard remaining > .zero else { return nil }
            let (seconds, attoseconds) = remaining.components
            return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
        }
    }

    /// POLLRDHUP (Linux): the peer closed its writing side.
    private static let pollReadHangUp: Int32 = 0x2000

    /// Stops both directions: wakes a thread blocked in accept/recv on this descriptor.
    static func shutdownBoth(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }

    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
