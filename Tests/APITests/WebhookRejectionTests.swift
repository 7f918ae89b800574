import API
import Foundation
import JSON
import TestKit
import Testing

/// Each refused delivery: the right status and JSON error, nothing stored, a counter in /metrics.
@Suite struct WebhookRejectionTests {
    static let body: [UInt8] = Array(#"{"action":"opened","zen":"ok"}"#.utf8)

    func expectNothingStored(_ fixture: WebhookFixture) throws {
        #expect(try fixture.count("webhook_deliveries") == 0)
        #expect(try fixture.count("issues") == 0)
    }

    @Test func missingSignatureIs401() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("issues", body: Self.body, signature: .some(nil))
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_signature")
        #expect(response.json["error"]?["message"]?.stringValue?.contains("X-Hub-Signature-256") == true)
        try expectNothingStored(fixture)
        #expect(fixture.webhookCounter("github", "rejected_signature") == 1)
    }

    @Test func signatureUnderAnotherSecretIs401() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("issues", body: Self.body, secret: "guessed")
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_signature")
        try expectNothingStored(fixture)
    }

    @Test func signatureOfAnotherBodyIs401() throws {
        let fixture = try WebhookFixture()
        let signature = WebhookSignature.sign(Array("{}".utf8), secret: WebhookFixture.secret)
        let response = fixture.github("issues", body: Self.body, signature: .some(signature))
        #expect(response.status == 401)
        try expectNothingStored(fixture)
    }

    @Test(arguments: ["sha1=abc", "sha256=zz", "sha256=" + String(repeating: "0", count: 63), "nonsense"])
    func malformedSignatureIs401(signature: String) throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("issues", body: Self.body, signature: .some(signature))
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_signature")
        try expectNothingStored(fixture)
    }

    @Test func missingEventHeaderIs400() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github(nil, body: Self.body)
        #expect(response.status == 400)
        #expect(response.errorCode == "missing_header")
        #expect(response.errorParameter == "x-github-event")
        try expectNothingStored(fixture)
        #expect(fixture.webhookCounter("github", "rejected_header") == 1)
    }

    @Test func missingDeliveryHeaderIs400() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("issues", body: Self.body, delivery: nil)
        #expect(response.status == 400)
        #expect(response.errorParameter == "x-github-delivery")
        try expectNothingStored(fixture)
    }

    @Test func invalidJSONIs400() throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("issues", body: Array(#"{"action": "opened""#.utf8))
        #expect(response.status == 400)
        #expect(response.errorCode == "invalid_body")
        try expectNothingStored(fixture)
        #expect(fixture.webhookCounter("github", "rejected_body") == 1)
    }

    @Test func nonObjectJSONIs400() throws {
        let fixture = try WebhookFixture()
        #expect(fixture.github("issues", body: Array("[1,2]".utf8)).status == 400)
        try expectNothingStored(fixture)
    }

    @Test(arguments: ["application/x-www-form-urlencoded", "text/plain", nil] as [String?])
    func contentTypeOtherThanJSONIs415(contentType: String?) throws {
        let fixture = try WebhookFixture()
        let response = fixture.github("issues", body: Self.body, contentType: contentType)
        #expect(response.status == 415)
        #expect(response.errorCode == "unsupported_media_type")
        try expectNothingStored(fixture)
        #expect(fixture.webhookCounter("github", "rejected_content_type") == 1)
    }

    @Test func jsonWithCharsetIsAccepted() throws {
        let fixture = try WebhookFixture()
        #expect(fixture.github("push", body: Self.body, contentType: "application/json; charset=utf-8").status == 202)
    }

    @Test func bodyOverTheLimitIs413() throws {
        let fixture = try WebhookFixture()
        let big = Array(("{\"pad\":\"" + String(repeating: "x", count: 1_048_576) + "\"}").utf8)
        let response = fixture.github("issues", body: big)
        #expect(response.status == 413)
        #expect(response.errorCode == "payload_too_large")
        try expectNothingStored(fixture)
        #expect(fixture.webhookCounter("github", "rejected_too_large") == 1)
    }

    @Test func unconfiguredGitHubSecretIs503WithTheKeyToSet() throws {
        let fixture = try WebhookFixture(github: false)
        let response = fixture.github("issues", body: Self.body)
        #expect(response.status == 503)
        #expect(response.errorCode == "webhook_not_configured")
        #expect(response.json["error"]?["message"]?.stringValue?.contains("github.webhook_secret") == true)
        try expectNothingStored(fixture)
        #expect(fixture.webhookCounter("github", "not_configured") == 1)
    }

    @Test func unconfiguredJiraSecretIs503() throws {
        let fixture = try WebhookFixture(jira: false)
        let response = fixture.jira(body: WebhookFixture.jiraBody())
        #expect(response.status == 503)
        #expect(response.json["error"]?["message"]?.stringValue?.contains("jira.webhook_secret") == true)
        try expectNothingStored(fixture)
    }

    @Test func getOnIngestIs405() throws {
        let fixture = try WebhookFixture()
        let response = TestResponse(fixture.app.handle(APIRequest(method: "GET", path: "/api/ingest/github")))
        #expect(response.status == 405)
        #expect(response.header("allow") == "POST")
    }

    @Test func ingestNeedsNoAPIKey() throws {
        let fixture = try WebhookFixture()
        let response = try fixture.github(fixture: "issues", "opened")
        #expect(response.status == 200)
    }

    /// Found by `make fuzz` (signed deliveries): the document now says what these refuse.
    @Test(arguments: [(" ", "x-github-event"), (String(repeating: "e", count: 201), "x-github-event")])
    func blankOrOverLongEventHeaderIs400(value: String, parameter: String) throws {
        let fixture = try WebhookFixture()
        let response = fixture.github(value, body: Self.body)
        #expect(response.status == 400)
        #expect(response.errorParameter == parameter)
        try expectNothingStored(fixture)
    }

    @Test func jiraBodyWithoutWebhookEventIs400() throws {
        let fixture = try WebhookFixture()
        let response = fixture.jira(body: Array(#"{"issue":{}}"#.utf8))
        #expect(response.status == 400)
        #expect(response.errorParameter == "webhookEvent")
    }

    /// Found by `make fuzz`: `\u0000` is valid JSON, but PostgreSQL's jsonb cannot hold a NUL
    /// (storing failed with 500) and the parser refuses one in a member name, or a lone surrogate
    /// anywhere (400 for a valid body). They are stored as their escape text (docs/normalization.md);
    /// an escaped backslash before `u0000` is protected, so the original can be told apart.
    @Test func nulAndLoneSurrogateEscapesAreStoredAsEscapeText() throws {
        let fixture = try WebhookFixture()
        let body = #"{"zen":"a\u0000b","k\u0000":[1,"\u0000"],"path":"C:\\u0000","cut":"\ud83d"}"#
        let github = fixture.github("push", body: Array(body.utf8), delivery: "nul-1")
        #expect(github.status == 202, "\(github.text)")
        let stored = try #require(try fixture.delivery("nul-1")).get("body") as String
        #expect(try JSONValue.parse(Array(stored.utf8))
                == ["zen": #"a\u0000b"#, #"k\u0000"#: [1, #"\u0000"#], "path": #"C:\u005cu0000"#, "cut": #"\ud83d"#])
        let jira = fixture.jira(body: Array(#"{"webhookEvent":"jira:issue_updated","x":"\u0000"}"#.utf8))
        #expect(jira.status < 500, "\(jira.text)")
    }

    /// Found by `make fuzz`: an integer past 64 bits is valid JSON; jansson's overflow made a
    /// valid delivery a 400. It is stored (numbers read as doubles), and an issue event that cannot
    /// be applied that way waits as failed, like any payload that fails to apply.
    @Test func integerPast64BitsIsStoredNotRefused() throws {
        let fixture = try WebhookFixture()
        let push = fixture.github("push", body: Array(#"{"zen":"ok","n":59210588230420381696,"m":-1e3}"#.utf8),
                                  delivery: "big-1")
        #expect(push.status == 202, "\(push.text)")
        #expect(try fixture.delivery("big-1") != nil)
        let jira = fixture.jira(body: Array(#"{"webhookEvent":"x","n":-111310639704088642234761120026204307456}"#.utf8))
        #expect(jira.status < 300, "\(jira.text)")
        #expect(fixture.github("push", body: Array(#"{"n":1e400}"#.utf8)).errorCode == "invalid_body")
    }
}
