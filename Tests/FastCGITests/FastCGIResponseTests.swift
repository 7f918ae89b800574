import FastCGI
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
