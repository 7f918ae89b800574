import FastCGI
import Testing

@Suite struct FastCGIRequestTests {
    /// Echoes every parameter as sorted "NAME=value" lines.
    static func echoParams(_ request: FastCGIRequest) {
        let lines = request.params.dictionary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }
        request.respond(status: 200, headers: [("Content-Type", "text/plain")], body: Array(lines.joined().utf8))
    }

    @Test func everyParamArrivesIncludingOneNeedingFourByteLengths() throws {
        let server = try FastCGITestServer(handler: Self.echoParams)
        defer { server.stop() }
        let longValue = String(repeating: "v", count: 300)
        let sent = [("REQUEST_METHOD", "GET"), ("DOCUMENT_URI", "/api/issues/keys"),
                    ("QUERY_STRING", "source=jira&label=a%20b"), ("HTTP_X_LONG", longValue),
                    ("EMPTY", "")]
        let response = try server.client.send(params: sent)
        let received = response.bodyText.split(separator: "\n").map(String.init)
        // libfcgi adds FCGI_ROLE itself.
        #expect(received == (sent + [("FCGI_ROLE", "RESPONDER")]).map { "\($0.0)=\($0.1)" }.sorted())
    }

    @Test func accessorsReadTheStandardCGIParams() throws {
        let server = try FastCGITestServer { request in
            let summary = [request.method, request.documentURI ?? "-", request.requestURI ?? "-",
                           request.queryString, request.contentLength.map(String.init) ?? "-",
                           request.param("HTTP_X_API_KEY") ?? "-", request.param("MISSING") ?? "-"]
            request.write("Status: 200 OK\r\n\r\n" + summary.joined(separator: "|"))
        }
        defer { server.stop() }
        let response = try server.client.send(params: [
            ("REQUEST_METHOD", "POST"), ("DOCUMENT_URI", "/api/harvest/reload"),
            ("REQUEST_URI", "/api/harvest/reload?force=true"), ("QUERY_STRING", "force=true"),
            ("CONTENT_LENGTH", "0"), ("HTTP_X_API_KEY", "k1"),
        ])
        #expect(response.bodyText == "POST|/api/harvest/reload|/api/harvest/reload?force=true|force=true|0|k1|-")
    }

    @Test func postBodyArrivesByteExactAcrossManyRecords() throws {
        let server = try FastCGITestServer { request in
            do {
                let body = try request.readBody(maxBytes: 1 << 20)
                request.respond(status: 200, headers: [], body: body)
            } catch {
                request.respond(status: 500, headers: [], body: Array("\(error)".utf8))
            }
        }
        defer { server.stop() }
        // Every byte value, 200 000 bytes: four STDIN records of at most 65535 bytes.
        let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let response = try server.client.send(
            params: [("REQUEST_METHOD", "POST"), ("CONTENT_LENGTH", String(body.count))], body: body)
        #expect(response.status == "200 OK")
        #expect(response.body == body)
    }

    @Test func bodyOverLimitThrowsBodyTooLargeAndResponseStillArrives() throws {
        let server = try FastCGITestServer { request in
            do throws(FastCGIError) {
                let body = try request.readBody(maxBytes: 1024)
                request.respond(status: 200, headers: [], body: Array("read \(body.count)".utf8))
            } catch {
                request.respond(status: 413, headers: [], body: Array("\(error.code)".utf8))
            }
        }
        defer { server.stop() }
        let body = [UInt8](repeating: 0x41, count: 300_000)
        let response = try server.client.send(
            params: [("REQUEST_METHOD", "POST"), ("CONTENT_LENGTH", String(body.count))], body: body)
        #expect(response.status == "413 Content Too Large")
        #expect(response.bodyText == "bodyTooLarge")
    }

    @Test func bodyExactlyAtLimitIsAccepted() throws {
        let server = try FastCGITestServer { request in
            let count = (try? request.readBody(maxBytes: 1024).count) ?? -1
            request.respond(status: 200, headers: [], body: Array("read \(count)".utf8))
        }
        defer { server.stop() }
        let response = try server.client.send(params: [("REQUEST_METHOD", "POST")],
                                               body: [UInt8](repeating: 1, count: 1024))
        #expect(response.bodyText == "read 1024")
    }

    @Test func writeErrorGoesToTheStderrStream() throws {
        let server = try FastCGITestServer { request in
            request.writeError("worker 3: slow query\n")
            request.respond(status: 204, headers: [], body: [])
        }
        defer { server.stop() }
        let response = try server.client.send(params: [("REQUEST_METHOD", "GET")])
        #expect(String(decoding: response.stderr, as: UTF8.self) == "worker 3: slow query\n")
        #expect(response.status == "204 No Content")
    }
}
