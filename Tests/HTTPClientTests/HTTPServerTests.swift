import HTTPClient
import HTTPServer
import Testing

@Suite struct HTTPServerTests {
    @Test func bodyOverTheLimitIsAnswered413WithoutCallingTheHandler() throws {
        let recorder = RequestRecorder()
        let response = try withServer(maxBodyBytes: 16, { request in
            recorder.record(request)
            return .text("accepted")
        }) { server in
            try HTTPClient().post("\(server.baseURL)/upload", body: Array(repeating: 65, count: 100))
        }
        #expect(response.status == 413)
        #expect(recorder.request == nil)
    }

    @Test func bodyAtTheLimitIsAccepted() throws {
        let response = try withServer(maxBodyBytes: 16, { request in .text("\(request.body.count)") }) { server in
            try HTTPClient().post("\(server.baseURL)/upload", body: Array(repeating: 65, count: 16))
        }
        #expect(response.status == 200)
        #expect(response.bodyString == "16")
    }

    @Test func expectContinueIsAnsweredSoTheBodyFollowsAtOnce() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let response = try withServer({ request in .text("\(request.body.count)") }) { server in
            try HTTPClient().post("\(server.baseURL)/upload", headers: [("Expect", "100-continue")],
                                  body: Array(repeating: 66, count: 5000))
        }
        #expect(response.bodyString == "5000")
        // Without a "100 Continue" curl waits a full second before sending the body anyway.
        #expect(clock.now - started < .milliseconds(900))
    }

    @Test func queryItemsArePercentDecodedOverTheWire() throws {
        let recorder = RequestRecorder()
        _ = try withServer({ request in
            recorder.record(request)
            return .text("ok")
        }) { server in
            try HTTPClient().get("\(server.baseURL)/search?q=label%3A%22work+support%22&who=J%C3%BCrgen&flag")
        }
        let received = try #require(recorder.request)
        #expect(received.query("q") == #"label:"work support""#)
        #expect(received.query("who") == "Jürgen")
        #expect(received.query("flag") == "")
        #expect(received.queryItems.map(\.name) == ["q", "who", "flag"])
    }

    @Test func malformedPercentEscapeIsKeptLiterally() {
        let request = HTTPServerRequest(method: "GET", path: "/", rawQuery: "a=100%&b=%zz&c=%4")
        #expect(request.query("a") == "100%")
        #expect(request.query("b") == "%zz")
        #expect(request.query("c") == "%4")
    }

    @Test func connectionCloseRequestIsHonoured() throws {
        let connections = try withServer({ _ in .text("ok") }) { server in
            let client = HTTPClient()
            _ = try client.get("\(server.baseURL)/a", headers: [("Connection", "close")])
            _ = try client.get("\(server.baseURL)/b", headers: [("Connection", "close")])
            return server.acceptedConnectionCount
        }
        #expect(connections == 2)
    }

    @Test func boundPortIsKnownBeforeStart() throws {
        let server = try HTTPServer { _ in .text("ok") }
        defer { server.stop() }
        #expect(server.port > 0)
    }

    @Test func stopEndsOpenKeepAliveConnections() throws {
        let server = try HTTPServer { _ in .text("ok") }
        try server.start()
        let client = HTTPClient()
        _ = try client.get("\(server.baseURL)/")
        server.stop()
        // The idle connection was closed and the listener is gone: the client cannot reconnect.
        let error = #expect(throws: HTTPClientError.self) { try client.get("\(server.baseURL)/") }
        #expect(error?.code == .connectionRefused)
    }
}
