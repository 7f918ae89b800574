#if canImport(Glibc)
import Glibc
#endif

/// A FastCGI socket or request failure, with the address, limit or errno that explains it.
public struct FastCGIError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        /// The unix path is too long or the host/port does not resolve.
        case invalidAddress
        /// socket(), bind() or listen() failed; see `systemErrno`.
        case socketFailed
        /// The request body is longer than the caller allows (→ HTTP 413).
        case bodyTooLarge
        /// The web server's input stream broke while the body was read.
        case readFailed
    }

    public let code: Code
    /// What was being done, e.g. "bind unix:/run/worksupport.sock" or "body limit 1048576 bytes".
    public let context: String
    public let systemErrno: Int32?

    public init(code: Code, context: String, systemErrno: Int32? = nil) {
        self.code = code
        self.context = context
        self.systemErrno = systemErrno
    }

    public var description: String {
        guard let systemErrno else { return "FastCGI \(code): \(context)" }
        return "FastCGI \(code): \(context): \(String(cString: strerror(systemErrno))) (errno \(systemErrno))"
    }
}
