import HTTPClient
import HTTPServer
import Testing

@Suite struct HTTPClientExchangeTests {
    @Test func getReturnsStatusBodyAndHeaderAndDeliversRequestHeadersAndQuery() throws {
        let recorder = RequestRecorder()
        let response = try withServer({ request in
            recorder.record(request)
            return HTTPServerResponse(status: 200, headers: [("X-Request-Id", "abc-1")], body: Array("pong".utf8))
        }) { server in
            try HTTPClient().get("\(server.baseURL)/ping?page=2&label=work-support",
                                 headers: [("X-Api-Key", "k-123"), ("Accept", "application/json")])
        }
        #expect(response.status == 200)
        #expect(response.bodyString == "pong")
        #expect(response.header("X-Request-ID") == "abc-1")
        let received = try #require(recorder.request)
        #expect(received.method == "GET")
        #expect(received.path == "/ping")
        #expect(received.rawQuery == "page=2&label=work-support")
        #expect(received.query("page") == "2")
        #expect(received.header("x-api-key") == "k-123")
        #expect(received.header("ACCEPT") == "application/json")
    }

    @Test func postBodyAndContentTypeArriveByteExact() throws {
        let recorder = RequestRecorder()
        let body = Array(#"{"summary":"Grüße ✓ 日本語 🚀","n":1}"#.utf8) + [0, 255, 13, 10]
        let response = try withServer({ request in
            recorder.record(request)
            return .text("stored")
        }) { server in
            try HTTPClient().post("\(server.baseURL)/store", headers: [("Content-Type", "application/json; charset=utf-8")],
                                  body: body)
        }
        #expect(response.status == 200)
        let received = try #require(recorder.request)
        #expect(received.method == "POST")
        #expect(received.body == body)
        #expect(received.header("Content-Type") == "application/json; charset=utf-8")
        #expect(received.header("Content-Length") == String(body.count))
    }

    @Test func serverErrorStatusIsAResponseNotAnError() throws {
        let response = try withServer({ _ in .json(status: 500, #"{"error":"boom"}"#) }) { server in
            try HTTPClient().get("\(server.baseURL)/fail")
        }
        #expect(response.status == 500)
        #expect(response.bodyString == #"{"error":"boom"}"#)
    }

    @Test func redirectIsFollowedToItsTarget() throws {
        let (response, target) = try withServer(Self.redirecting) { server in
            (try HTTPClient().get("\(server.baseURL)/old"), "\(server.baseURL)/new")
        }
        #expect(response.status == 200)
        #expect(response.bodyString == "arrived")
        #expect(response.effectiveURL == target)
        #expect(response.header("location") == nil, "headers come from the final response only")
    }

    @Test func redirectIsReturnedWhenFollowingIsOff() throws {
        let (response, source) = try withServer(Self.redirecting) { server in
            let url = "\(server.baseURL)/old"
            return (try HTTPClient().send(HTTPRequest(url: url, followRedirects: false)), url)
        }
        #expect(response.status == 302)
        #expect(response.header("Location") == "/new")
        #expect(response.effectiveURL == source)
    }

    @Test func gzipBodyIsDecoded() throws {
        let response = try withServer({ _ in
            HTTPServerResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8"),
                                                      ("Content-Encoding", "gzip")],
                               body: GzipFixture.compressed)
        }) { server in
            try HTTPClient().get("\(server.baseURL)/compressed")
        }
        #expect(response.bodyString == GzipFixture.text)
    }

    @Test func sequentialRequestsOnOneClientReuseOneConnection() throws {
        let (statuses, connections) = try withServer({ _ in .text("ok") }) { server in
            let client = HTTPClient()
            let statuses = [try client.get("\(server.baseURL)/a").status, try client.get("\(server.baseURL)/b").status]
            return (statuses, server.acceptedConnectionCount)
        }
        #expect(statuses == [200, 200])
        #expect(connections == 1)
    }

    private static let redirecting: HTTPServer.Handler = { request in
        request.path == "/old" ? .redirect(status: 302, to: "/new") : .text("arrived")
    }
}
