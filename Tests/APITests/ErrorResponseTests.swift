import JSON
import Testing

@Suite struct ErrorResponseTests {
    @Test func unknownRouteIs404JSON() throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.get("/api/widgets")
        #expect(response.status == 404)
        #expect(response.errorCode == "not_found")
        #expect(response.json["error"]?["message"]?.stringValue?.isEmpty == false)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.request("DELETE", "/api/harvest/reload")
        #expect(response.status == 405)
        #expect(response.errorCode == "method_not_allowed")
        #expect(response.header("allow") == "GET, HEAD, POST")
        #expect(fixture.request("POST", "/api/issues/keys").header("allow") == "GET, HEAD")
    }

    @Test func malformedPathEscapeIs400() throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.get("/api/issues/AB%zz")
        #expect(response.status == 400)
        #expect(response.errorCode == "invalid_path")
    }

    @Test func headHasNoBody() throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.request("HEAD", "/health")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func oversizedBodyIs413() throws {
        let fixture = try APIFixture(seed: false)
        let response = fixture.request("POST", "/api/harvest/reload", headers: ["content-type": "application/json"],
                                       body: String(repeating: " ", count: 1_048_577))
        #expect(response.status == 413)
    }
}
