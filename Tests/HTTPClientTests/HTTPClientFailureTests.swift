import HTTPClient
import HTTPServer
import Testing

@Suite struct HTTPClientFailureTests {
    @Test func stalledResponseTimesOutAtTheTotalTimeout() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = try withServer({ _ in HTTPServerResponse.text("late").with(fault: .delay(seconds: 5)) }) { server in
            #expect(throws: HTTPClientError.self) {
                try HTTPClient().send(HTTPRequest(url: "\(server.baseURL)/slow", totalTimeout: 0.5))
            }
        }
        #expect(error?.code == .timeout)
        #expect(clock.now - started < .seconds(2))
        #expect(error?.description.contains("timeout after 0.5 s (curl 28:") == true)
    }

    @Test func closedPortIsConnectionRefused() throws {
        let server = try HTTPServer { _ in .text("unused") }
        let url = "\(server.baseURL)/"
        server.stop()
        let error = #expect(throws: HTTPClientError.self) { try HTTPClient().get(url) }
        #expect(error?.code == .connectionRefused)
    }

    @Test func unresolvableHostIsDNSFailure() {
        let error = #expect(throws: HTTPClientError.self) { try HTTPClient().get("http://nonexistent.invalid/") }
        #expect(error?.code == .dnsFailure)
    }

    @Test func droppedConnectionIsNetworkError() throws {
        let error = try withServer({ _ in HTTPServerResponse.text("never sent").with(fault: .dropConnection) }) { server in
            #expect(throws: HTTPClientError.self) { try HTTPClient().get("\(server.baseURL)/drop") }
        }
        #expect(error?.code == .network)
    }

    @Test func truncatedBodyIsNetworkError() throws {
        let body = String(repeating: "x", count: 1000)
        let error = try withServer({ _ in HTTPServerResponse.text(body).with(fault: .truncateBody(bytes: 10)) }) { server in
            #expect(throws: HTTPClientError.self) { try HTTPClient().get("\(server.baseURL)/partial") }
        }
        #expect(error?.code == .network)
    }

    @Test func tooManyRedirectsIsReported() throws {
        let error = try withServer({ _ in .redirect(to: "/again") }) { server in
            #expect(throws: HTTPClientError.self) { try HTTPClient().get("\(server.baseURL)/loop") }
        }
        #expect(error?.code == .tooManyRedirects)
    }

    @Test func unsupportedSchemeIsInvalidURL() {
        let error = #expect(throws: HTTPClientError.self) { try HTTPClient().get("ftp://127.0.0.1/file") }
        #expect(error?.code == .invalidURL)
    }

    @Test func errorDescriptionNeverContainsRequestHeadersOrBody() throws {
        let server = try HTTPServer { _ in .text("unused") }
        let url = "\(server.baseURL)/secret"
        server.stop()
        let request = HTTPRequest(method: "POST", url: url, headers: [("Authorization", "Bearer tok-SECRET-1")],
                                  body: Array("password=SECRET-2".utf8))
        let error = #expect(throws: HTTPClientError.self) { try HTTPClient().send(request) }
        let description = try #require(error?.description)
        #expect(description.hasPrefix("HTTP POST \(url): connection refused (curl 7:"))
        #expect(!description.contains("SECRET"))
    }

    @Test func credentialsInTheURLAreRemovedFromErrors() {
        let error = #expect(throws: HTTPClientError.self) {
            try HTTPClient().get("http://bot:SECRET@nonexistent.invalid/x")
        }
        #expect(error?.url == "http://***@nonexistent.invalid/x")
        #expect(error?.description.contains("SECRET") == false)
    }

    @Test func headerValueWithLineBreakIsRejectedWithoutEchoingIt() {
        let error = #expect(throws: HTTPClientError.self) {
            try HTTPClient().get("http://127.0.0.1:9/", headers: [("X-Token", "SECRET\r\nX-Injected: 1")])
        }
        #expect(error?.code == .other(nil))
        #expect(error?.description.contains("SECRET") == false)
    }
}
