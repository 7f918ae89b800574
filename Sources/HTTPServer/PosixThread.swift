#if canImport(Glibc)
import Glibc
#endif

/// Starting threads with pthreads directly, so the server needs nothing beyond Glibc
/// and `stop()` can join the accept thread.
enum PosixThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new joinable thread; nil if the system refused.
    static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// Starts `body` on a thread nobody joins.
    @discardableResult
    static func spawnDetached(_ body: @escaping @Sendable () -> Void) -> Bool {
        guard let thread = spawn(body) else { return false }
        pthread_detach(thread)
        return true
    }

    static func join(_ thread: pthread_t) {
        pthread_join(thread, nil)
    }
}
