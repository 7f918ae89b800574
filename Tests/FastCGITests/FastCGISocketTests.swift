import FastCGI
import Foundation
import Testing

@Suite struct FastCGISocketTests {
    @Test func acceptReturnsNilOnceTheListenerIsShutDown() throws {
        let server = try FastCGITestServer { _ in }
        #expect(server.stop())
    }

    @Test func unixListenerReplacesStaleSocketFileAndUsesMode0660() throws {
        let server = try FastCGITestServer { request in request.respond(status: 200, headers: [], body: []) }
        defer { server.stop() }
        // A second listen on the same path: the first socket file counts as stale.
        let fd = try FastCGISocket.listen(unixPath: server.socketPath)
        defer { close(fd) }
        let attributes = try FileManager.default.attributesOfItem(atPath: server.socketPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o660)
        #expect(attributes[.type] as? FileAttributeType == .typeSocket)
    }

    @Test func unixListenerRefusesToDeleteARegularFile() throws {
        let path = NSTemporaryDirectory() + "fcgi-not-a-socket-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #expect(FileManager.default.createFile(atPath: path, contents: Array("keep".utf8).withUnsafeBytes { Data($0) }))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: FastCGIError.self) { try FastCGISocket.listen(unixPath: path) }
        #expect(error?.code == .invalidAddress)
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }

    @Test func overlongUnixPathIsInvalidAddress() {
        let error = #expect(throws: FastCGIError.self) {
            try FastCGISocket.listen(unixPath: "/tmp/" + String(repeating: "x", count: 200))
        }
        #expect(error?.code == .invalidAddress)
    }

    @Test func tcpListenerBindsAnEphemeralLoopbackPort() throws {
        let fd = try FastCGISocket.listen(host: "127.0.0.1", port: 0)
        defer { close(fd) }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        #expect(status == 0)
        #expect(UInt16(bigEndian: address.sin_port) != 0)
        var listening: Int32 = 0
        var optionLength = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optionLength)
        #expect(listening == 1)
    }
}

/// How a request's connection ends: on a unix socket, once the request's input was read to its
/// end, the responder closes it outright instead of shutting down its side and waiting for the
/// web server to close (libfcgi's lingering close, kept for anything else).
@Suite struct FastCGIConnectionCloseTests {
    /// After the response and its end of stream, a byte the client writes: nil when the
    /// responder took it (still lingering), else the write's errno.
    func writeAfterEnd(readingBody: Bool) throws -> (endOfStream: Int, writeErrno: Int32?) {
        let server = try FastCGITestServer { request in
            if readingBody { _ = try? request.readBody(maxBytes: 1024) }
            request.respond(status: 200, headers: [], body: Array("ok".utf8))
        }
        defer { server.stop() }
        var endOfStream = -1
        var writeErrno: Int32?
        let response = try server.client.send(params: [("REQUEST_METHOD", "POST")], body: Array("body".utf8)) { fd in
            var byte: UInt8 = 0
            endOfStream = read(fd, &byte, 1)
            if write(fd, [UInt8(ascii: "x")], 1) < 0 { writeErrno = errno }
        }
        #expect(response.stdout.suffix(2) == Array("ok".utf8)[...])
        return (endOfStream, writeErrno)
    }

    @Test func aConnectionWhoseInputWasReadIsClosedAtOnce() throws {
        let ended = try writeAfterEnd(readingBody: true)
        #expect(ended.endOfStream == 0)
        #expect(ended.writeErrno == EPIPE)
    }

    /// A responder that answered before reading the body still drains it: the web server,
    /// perhaps still sending, must not get a broken pipe.
    @Test func aConnectionWithUnreadInputLingers() throws {
        let ended = try writeAfterEnd(readingBody: false)
        #expect(ended.endOfStream == 0)
        #expect(ended.writeErrno == nil)
    }

    @Test func onlyATCPListenerLingers() throws {
        let unixServer = try FastCGITestServer { _ in }
        defer { unixServer.stop() }
        #expect(FastCGIAcceptor(listeningFD: unixServer.listeningFD).lingersOnClose == false)
        let tcp = try FastCGISocket.listen(host: "127.0.0.1", port: 0)
        defer { close(tcp) }
        #expect(FastCGIAcceptor(listeningFD: tcp).lingersOnClose)
    }
}
