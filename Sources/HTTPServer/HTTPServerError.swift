#if canImport(Glibc)
import Glibc
#endif

/// Why a server could not be set up.
public struct HTTPServerError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The host is not a numeric address or a name that resolves locally.
        case invalidAddress
        case socketFailed
        case bindFailed
        case listenFailed
        case threadStartFailed
    }

    public var code: Code
    public var host: String
    public var port: Int
    /// The OS error text (strerror/gai_strerror), or a short explanation.
    public var message: String

    public init(code: Code, host: String, port: Int, message: String) {
        self.code = code
        self.host = host
        self.port = port
        self.message = message
    }

    public var description: String {
        "HTTP server \(host):\(port): \(code) (\(message))"
    }

    static func fromErrno(_ code: Code, host: String, port: Int) -> HTTPServerError {
        HTTPServerError(code: code, host: host, port: port, message: String(cString: strerror(errno)))
    }
}
