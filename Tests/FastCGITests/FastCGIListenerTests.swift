import FastCGI
import Foundation
import TestKit
import Testing

/// The pool worker's side of the shared listener: connections taken without blocking, each
/// request read on the connection handed to its acceptor and answered on it, in any order.
@Suite struct FastCGIListenerTests {
    /// A listening unix socket in a fresh directory; removed by `close`.
    struct Socket {
        let directory: String
        let path: String
        let fd: Int32

        init() throws {
            var template = Array("/tmp/fcgi-listener-XXXXXX".utf8CString)
            guard let created = mkdtemp(&template) else { throw FastCGIError(code: .socketFailed, context: "mkdtemp") }
            directory = String(cString: created)
            path = directory + "/listener.sock"
            fd = try FastCGISocket.listen(unixPath: path)
        }

        func close() {
            Glibc.close(fd)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func noQueuedConnectionGivesNilAtOnceWithEAGAIN() throws {
        let socket = try Socket()
        defer { socket.close() }
        let listener = try FastCGIListener(listeningFD: socket.fd)
        #expect(listener.isUnixSocket)
        let connection = listener.pendingConnection()
        let failure = errno  // read before anything else can set it
        #expect(connection == nil)
        #expect(failure == EAGAIN || failure == EWOULDBLOCK)
        // The listener itself is non-blocking now, for every process sharing it.
        #expect(fcntl(socket.fd, F_GETFL) & O_NONBLOCK != 0)
    }

    /// Three clients wait at once; the three requests are read on their own acceptors and
    /// answered last first, and each client gets the answer to its own request.
    @Test func queuedRequestsAreReadOnTheirOwnAcceptorsAndAnsweredInAnyOrder() throws {
        let socket = try Socket()
        defer { socket.close() }
        let listener = try FastCGIListener(listeningFD: socket.fd)
        let client = FastCGITestClient(socketPath: socket.path)
        let paths = ["/one", "/two", "/three"]
        let received = LockedValues<String>()
        let finished = DispatchGroup()
        for path in paths {
            finished.enter()
            Thread {
                let response = try? client.send(params: [("REQUEST_METHOD", "GET"), ("DOCUMENT_URI", path)])
                received.set(path, response?.bodyText ?? "no response")
                finished.leave()
            }.start()
        }
        var connections: [Int32] = []
        let queued = Deadline.poll(seconds: 10) {
            if let connection = listener.pendingConnection() { connections.append(connection) }
            return connections.count == paths.count
        }
        try #require(queued)
        let acceptors = connections.map { _ in FastCGIAcceptor(handedInConnectionsOnUnixSocket: true) }
        let requests = zip(acceptors, connections).compactMap { $0.accept(connection: $1) }
        #expect(requests.count == paths.count)
        for request in requests.reversed() {
            request.respond(status: 200, headers: [("Content-Type", "text/plain")],
                            body: Array("answer to \(request.documentURI ?? "?")".utf8))
            request.finish()
        }
        #expect(finished.wait(timeout: .now() + 10) == .success)
        for path in paths { #expect(received.get(path) == "answer to \(path)") }
    }

    /// What is no FastCGI request is refused: no request, and the connection closed (the
    /// client reads end of file), so the worker goes on to the next one.
    @Test func bytesThatAreNoRequestGiveNilAndTheConnectionIsClosed() throws {
        let socket = try Socket()
        defer { socket.close() }
        let listener = try FastCGIListener(listeningFD: socket.fd)
        let raw = try FastCGITestClient(socketPath: socket.path).connect()
        defer { Glibc.close(raw) }
        let garbage = Array("GET / HTTP/1.1\r\n\r\n".utf8)
        #expect(write(raw, garbage, garbage.count) == garbage.count)
        shutdown(raw, Int32(SHUT_WR))
        let connection = try #require(listener.nextConnection())
        #expect(FastCGIAcceptor(handedInConnectionsOnUnixSocket: true).accept(connection: connection) == nil)
        var byte: UInt8 = 0
        #expect(read(raw, &byte, 1) == 0)
        #expect(listener.pendingConnection() == nil)
    }

    /// A connection that asks libfcgi to keep it open is still closed after its response:
    /// nothing would read a second request on it.
    @Test func keptConnectionIsClosedAfterItsResponse() throws {
        let socket = try Socket()
        defer { socket.close() }
        let listener = try FastCGIListener(listeningFD: socket.fd)
        let outcome = LockedValues<String>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            var client = FastCGITestClient(socketPath: socket.path)
            client.keepConnection = true
            let response = try? client.send(params: [("REQUEST_METHOD", "GET"), ("DOCUMENT_URI", "/kept")]) { fd in
                var byte: UInt8 = 0
                outcome.set("read after response", String(read(fd, &byte, 1)))
            }
            outcome.set("body", response?.bodyText ?? "no response")
            done.signal()
        }.start()
        let connection = try #require(listener.nextConnection())
        let acceptor = FastCGIAcceptor(handedInConnectionsOnUnixSocket: true)
        let request = try #require(acceptor.accept(connection: connection))
        request.respond(status: 200, headers: [], body: Array("kept?".utf8))
        request.finish()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(outcome.get("body") == "kept?")
        #expect(outcome.get("read after response") == "0")
    }
}
