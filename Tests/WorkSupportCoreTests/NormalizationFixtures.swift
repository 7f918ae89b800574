import Foundation
import JSON
@testable import WorkSupportCore

/// Realistic upstream items and the shared GitHub webhook payloads.
enum NormalizationFixtures {
    static let team = [
        TeamMember(id: "jdoe", name: "John Doe", jiraID: "557058:1b2c3d4e", githubID: "Codertocat"),
        TeamMember(id: "asmith", name: "Ann Smith", jiraID: "Ann.Smith@Example.com", githubID: "ann-smith"),
    ]

    static func jiraIssue(key: String = "AIPRDV-42", updated: JSONValue = "2026-11-20T10:15:30.123+0000",
                          extraFields: [(String, JSONValue)] = []) -> JSONValue {
        var fields: JSONObject = [
            "summary": "Harvest the release train",
            "status": ["name": "In Progress", "statusCategory": ["id": 4, "key": "indeterminate", "name": "In Progress"]],
            "issuetype": ["id": "10000", "name": "Feature", "subtask": false],
            "parent": ["id": "10001", "key": "AIPRDV-7", "fields": ["summary": "PV 2026.4"]],
            "assignee": ["accountId": "557058:1b2c3d4e", "displayName": "John Doe", "active": true],
            "labels": ["work-support", "SE_product_family"],
            "fixVersions": [["id": "1", "name": "2026.4"], ["id": "2", "name": "2026.5"]],
            "created": "2026-10-01T08:00:00.000+0200",
            "updated": updated,
            "resolutiondate": .null,
        ]
        for (name, value) in extraFields { fields[name] = value }
        return ["expand": "", "id": "10042", "self": "https://company.atlassian.net/rest/api/3/issue/10042",
                "key": .string(key), "fields": .object(fields)]
    }

    /// `Tests/Fixtures/github-webhooks/<event>/<name>.json` (real GitHub payloads, vendored).
    static func webhookPayload(_ event: String, _ name: String) throws -> JSONValue {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // WorkSupportCoreTests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("Fixtures/github-webhooks/\(event)/\(name).json")
        return try JSONValue.parse([UInt8](Data(contentsOf: url)))
    }

    static func date(_ text: String) -> Date {
        UpstreamTimestamp.parse(text)!
    }
}
