import Dispatch
import FastCGI
import Foundation

/// A responder for tests: a unix socket in a fresh temp directory and one acceptor loop on a
/// background thread, calling `handler` for each request and finishing it afterwards.
final class FastCGITestServer: Sendable {
    let directory: String
    let socketPath: String
    let listeningFD: Int32
    private let loopExited = DispatchSemaphore(value: 0)

    init(handler: @escaping @Sendable (FastCGIRequest) -> Void) throws {
        // A client that gives up early must fail its test, not kill the whole test process.
        signal(SIGPIPE, SIG_IGN)
        var template = Array("/tmp/fcgi-test-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw FastCGIError(code: .socketFailed, context: "mkdtemp") }
        directory = String(cString: created)
        socketPath = directory + "/responder.sock"
        let fd = try FastCGISocket.listen(unixPath: socketPath)
        listeningFD = fd
        let exited = loopExited
        Thread {
            let acceptor = FastCGIAcceptor(listeningFD: fd)
            while let request = acceptor.accept() {
                handler(request)
                request.finish()
            }
            exited.signal()
        }.start()
    }

    var client: FastCGITestClient { FastCGITestClient(socketPath: socketPath) }

    /// Shuts the listener down (which wakes the blocked accept) and waits, with a deadline,
    /// for the loop to end. True when it ended.
    @discardableResult
    func stop() -> Bool {
        shutdown(listeningFD, Int32(SHUT_RDWR))
        let ended = loopExited.wait(timeout: .now() + 10) == .success
        close(listeningFD)
        try? FileManager.default.removeItem(atPath: directory)
        return ended
    }
}
