import HTTPServer
import Synchronization

/// Starts a server on an ephemeral port for the duration of `body`, then stops it.
func withServer<Result>(
    maxBodyBytes: Int = 1 << 20,
    _ handler: @escaping HTTPServer.Handler,
    _ body: (HTTPServer) throws -> Result
) throws -> Result {
    let server = try HTTPServer(maxBodyBytes: maxBodyBytes, handler: handler)
    try server.start()
    defer { server.stop() }
    return try body(server)
}

/// Holds the last request a handler saw, so a test can inspect it after the response.
final class RequestRecorder: Sendable {
    private let last = Mutex<HTTPServerRequest?>(nil)

    func record(_ request: HTTPServerRequest) {
        last.withLock { $0 = request }
    }

    var request: HTTPServerRequest? {
        last.withLock { $0 }
    }
}

