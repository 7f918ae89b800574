@testable import FastCGI
import Glibc
import Testing

@Suite struct FastCGIResponseTests {
    @Test func respondWritesStatusLineHeadersBlankLineAndBody() throws {
        let server = try FastCGITestServer { request in
            request.respond(status: 201, headers: [("Content-Type", "application/json"), ("X-Request-Id", "r-1")],
                            body: Array(#"{"ok":true}"#.utf8))
        }
        defer { server.stop() }
        let response = try server.client.send(params: [("REQUEST_METHOD", "POST")])
        let expected = "Status: 201 Created\r\nContent-Type: application/json\r\nX-Request-Id: r-1\r\n\r\n{\"ok\":true}"
        #expect(response.stdout == Array(expected.utf8))
        #expect(response.appStatus == 0)
        #expect(response.protocolStatus == 0)
    }

    /// A body past one record (written in 64 KB records instead of libfcgi's 8 KB ones) arrives
    /// byte-exact after the headers, whatever its length modulo the record size.
    @Test(arguments: [65_528, 65_529, 1_300_001])
    func largeBodyArrivesByteExact(length: Int) throws {
        let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let server = try FastCGITestServer { request in
            request.respond(status: 200, headers: [("Content-Type", "application/octet-stream")], body: body)
        }
        defer { server.stop() }
        let response = try server.client.send(params: [])
        #expect(response.headers.first?.1 == "200 OK")
        #expect(response.body == body)
        #expect(response.appStatus == 0)
    }

    @Test func lineBreaksInHeaderValuesCannotStartNewHeaders() throws {
        let server = try FastCGITestServer { request in
            request.respond(status: 200, headers: [("X-Echo", "a\r\nSet-Cookie: evil=1")], body: [])
        }
        defer { server.stop() }
        let response = try server.client.send(params: [])
        #expect(response.headers.map(\.0) == ["Status", "X-Echo"])
        #expect(response.headers.last?.1 == "a Set-Cookie: evil=1")
    }

    @Test func sequentialRequestsOnOneAcceptorEachGetTheirOwnResponse() throws {
        let server = try FastCGITestServer { request in
            request.respond(status: 200, headers: [], body: Array("q=\(request.queryString)".utf8))
        }
        defer { server.stop() }
        for index in 1...5 {
            let response = try server.client.send(params: [("QUERY_STRING", "n=\(index)")])
            #expect(response.bodyText == "q=n=\(index)")
        }
    }

    @Test func writesAfterFinishAreRefused() throws {
        let server = try FastCGITestServer { request in
            request.respond(status: 200, headers: [], body: Array("done".utf8))
            request.finish()
            request.write("late")
            request.writeError("late")
        }
        defer { server.stop() }
        let response = try server.client.send(params: [])
        // The client got END_REQUEST after "done"; neither stream carries the late writes.
        #expect(response.bodyText == "done")
        #expect(response.stderr.isEmpty)
    }
}

/// The writev loop behind large responses, with a writer that takes at most 1,000 bytes a call
/// (a socket's partial writes): every byte once, in order, across piece boundaries.
@Suite struct LargeRecordWriteTests {
    @Test func partialWritesResumeWhereTheyStopped() {
        let first: [UInt8] = Array(repeating: 1, count: 8) + (0..<2_500).map { UInt8(truncatingIfNeeded: $0) }
        let second: [UInt8] = Array(repeating: 2, count: 8) + (0..<1_234).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var received: [UInt8] = []
        var calls = 0
        let done = first.withUnsafeBytes { a in
            second.withUnsafeBytes { b in
                var pieces = [
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: a.baseAddress!), iov_len: 8),
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: a.baseAddress! + 8), iov_len: a.count - 8),
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: b.baseAddress!), iov_len: 8),
                    iovec(iov_base: UnsafeMutableRawPointer(mutating: b.baseAddress! + 8), iov_len: b.count - 8),
                ]
                return FastCGIAcceptor.writeAll(&pieces) { vector, count in
                    calls += 1
                    var budget = 1_000
                    for index in 0..<Int(count) where budget > 0 {
                        let piece = vector[index]
                        let take = min(budget, piece.iov_len)
                        received += UnsafeRawBufferPointer(start: piece.iov_base, count: take)
                        budget -= take
                    }
                    return 1_000 - budget
                }
            }
        }
        #expect(done)
        #expect(received == first + second)
        #expect(calls == 4)
    }
}
