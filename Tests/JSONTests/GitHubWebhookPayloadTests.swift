import Foundation
import JSON
import Testing

@Suite struct GitHubWebhookPayloadTests {
    /// A real GitHub payload, vendored under Tests/Fixtures.
    static let payloadURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // JSONTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/github-webhooks/issues/opened.json")

    @Test func issuesOpenedPayloadExposesIssueFields() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.payloadURL))
        let payload = try JSONValue.parse(bytes)
        #expect(payload["action"]?.stringValue == "opened")
        #expect(payload["issue"]?["number"]?.intValue == 1)
        #expect(payload["issue"]?["id"]?.intValue == 444_500_041)
        #expect(payload["issue"]?["title"]?.stringValue == "Spelling error in the README file")
        #expect(payload["issue"]?["user"]?["login"]?.stringValue == "Codertocat")
        #expect(payload["issue"]?["labels"]?[0]?["name"]?.stringValue == "bug")
        #expect(payload["issue"]?["assignee"]?["site_admin"]?.boolValue == false)
        #expect(payload["issue"]?["milestone"]?["due_on"]?.isNull == false)
        #expect(payload["repository"]?["full_name"]?.stringValue == "Codertocat/Hello-World")
        #expect(payload.objectValue?.keys == ["action", "issue", "repository", "sender"])
    }

    @Test func issuesOpenedPayloadSurvivesRoundTrip() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.payloadURL))
        let payload = try JSONValue.parse(bytes)
        #expect(try JSONValue.parse(payload.serialized()) == payload)
        #expect(try JSONValue.parse(payload.serialized(pretty: true)) == payload)
    }
}
