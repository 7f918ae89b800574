import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// One worker's use of the listening socket it shares with its siblings.
///
/// The socket is made non-blocking (for every process sharing it: all of the pool's workers
/// take connections through this type). A worker then never waits inside accept(2), where a
/// sibling could take the connection it was woken for. It waits in epoll_wait(2) instead, which
/// a signal interrupts (the master's SIGTERM). `pendingConnection()` takes a connection
/// only when one is queued already, so a worker can gather the requests waiting for it
/// (`PoolWorker`'s batches) without ever blocking on an empty queue.
public final class FastCGIListener {
    public let listeningFD: Int32
    private let epollFD: Int32
    /// Whether connections come over a unix socket (else TCP, which gets TCP_NODELAY).
    public let isUnixSocket: Bool

    public init(listeningFD: Int32) throws(FastCGIError) {
        self.listeningFD = listeningFD
        let flags = fcntl(listeningFD, F_GETFL)
        guard flags >= 0, fcntl(listeningFD, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw FastCGIError(code: .socketFailed, context: "making listener fd \(listeningFD) non-blocking",
                               systemErrno: errno)
        }
        // Exclusive wake-ups: one queued connection wakes one idle worker, not all of them.
        epollFD = cfastcgi_listener_epoll(listeningFD)
        guard epollFD >= 0 else {
            throw FastCGIError(code: .socketFailed, context: "epoll on listener fd \(listeningFD)", systemErrno: errno)
        }
        isUnixSocket = FastCGIAcceptor.family(of: listeningFD) == sa_family_t(AF_UNIX)
    }

    deinit { close(epollFD) }

    /// The next connection, waiting for one if none is queued. Nil when a signal interrupted
    /// the wait (errno EINTR) or the listener failed (errno says why).
    public func nextConnection() -> Int32? {
        while true {
            if let connection = pendingConnection() { return connection }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { return nil }
            if cfastcgi_wait_readable(epollFD) < 0 { return nil }
        }
    }

    /// A connection already queued, or nil at once (errno EAGAIN when the queue is empty).
    public func pendingConnection() -> Int32? {
        while true {
            let connection = cfastcgi_accept(listeningFD)
            if connection >= 0 {
                if !isUnixSocket {
                    // Responses are written whole; Nagle would only hold their last segment back.
                    var on: Int32 = 1
                    _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                }
                return connection
            }
            switch errno {
            // The peer gave up while queued, or a signal came: take the next one.
            case ECONNABORTED, EPROTO, EINTR: continue
            default: return nil
            }
        }
    }
}
