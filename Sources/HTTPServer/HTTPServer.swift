#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A small blocking HTTP/1.1 server: one accept thread, one thread per connection.
/// Meant for the simulator and for tests, not for untrusted traffic at scale.
///
/// Sendable because its mutable state (descriptors, the accept thread, counters) sits behind one
/// `Mutex`; everything else is immutable.
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPServerRequest) -> HTTPServerResponse

    public let host: String
    /// The bound port: the ephemeral one chosen by the system when `init` was given 0.
    public let port: Int
    /// Requests with a larger `Content-Length` are answered 413 without calling the handler.
    public let maxBodyBytes: Int
    let handler: Handler
    private let state: Mutex<State>

    private struct State {
        /// -1 once closed by `stop()`.
        var listener: Int32
        var acceptThread: pthread_t?
        var openConnections: Set<Int32> = []
        var acceptedConnections = 0
        var isStopping = false
    }

    /// Binds and listens at once, so `port` is known before `start()`.
    public init(host: String = "127.0.0.1", port: Int = 0, maxBodyBytes: Int = 1 << 20,
                handler: @escaping Handler) throws(HTTPServerError) {
        let listener = try Socket.listen(host: host, port: port)
        self.host = host
        self.port = Socket.localPort(of: listener)
        self.maxBodyBytes = maxBodyBytes
        self.handler = handler
        self.state = Mutex(State(listener: listener))
    }

    deinit {
        // Only reached without `stop()` if `start()` was never called: running threads retain self.
        state.withLock { state in
            if state.listener >= 0 { Socket.close(state.listener) }
        }
    }

    /// `http://host:port`, for building request URLs in tests.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// How many connections have been accepted since `init` (tests check keep-alive with it).
    public var acceptedConnectionCount: Int {
        state.withLock { $0.acceptedConnections }
    }

    /// Runs the accept loop on a background thread. Calling it again, or after `stop()`, does nothing.
    public func start() throws(HTTPServerError) {
        // Spawned under the lock so that concurrent start/stop calls see one consistent state.
        let spawned = state.withLock { state -> Bool in
            guard state.acceptThread == nil, !state.isStopping else { return true }
            let listener = state.listener
            state.acceptThread = PosixThread.spawn { self.acceptLoop(listener) }
            return state.acceptThread != nil
        }
        guard spawned else {
            throw HTTPServerError(code: .threadStartFailed, host: host, port: port,
                                  message: "pthread_create failed")
        }
    }

    /// Closes the listener and every open connection; returns once the accept thread has ended.
    /// Handlers already running finish on their own threads; their answers are discarded.
    public func stop() {
        let (listener, thread) = state.withLock { state -> (Int32, pthread_t?) in
            guard !state.isStopping else { return (-1, nil) }
            state.isStopping = true
            // shutdown, not close: it wakes threads blocked in accept/recv, and the descriptor
            // numbers stay ours until their owners close them, so none can be reused meanwhile.
            if state.listener >= 0 { Socket.shutdownBoth(state.listener) }
            for fd in state.openConnections { Socket.shutdownBoth(fd) }
            let listener = state.listener
            state.listener = -1
            defer { state.acceptThread = nil }
            return (listener, state.acceptThread)
        }
        if let thread { PosixThread.join(thread) }
        if listener >= 0 { Socket.close(listener) }
    }

    private func acceptLoop(_ listener: Int32) {
        while let fd = Socket.accept(listener) {
            let admitted = state.withLock { state in
                guard !state.isStopping else { return false }
                state.openConnections.insert(fd)
                state.acceptedConnections += 1
                return true
            }
            guard admitted else {
                Socket.close(fd)
                return
            }
            let started = PosixThread.spawnDetached {
                var connection = HTTPConnection(fd: fd, maxBodyBytes: self.maxBodyBytes, handler: self.handler)
                connection.run()
                self.forget(connection: fd)
            }
            if !started { forget(connection: fd) }
        }
    }

    /// Drops the connection from the open set, then closes it (in that order, so `stop()`
    /// never shuts down a descriptor number that has been reused).
    private func forget(connection fd: Int32) {
        state.withLock { _ = $0.openConnections.remove(fd) }
        Socket.close(fd)
    }
}
