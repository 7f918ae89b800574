import Foundation

/// Files under Tests/Fixtures (real GitHub webhook payloads, …), found from this source file.
public enum TestFixtures {
    public static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    /// `githubWebhook("issues", "opened")` → Tests/Fixtures/github-webhooks/issues/opened.json.
    public static func githubWebhook(_ event: String, _ action: String) -> URL {
        directory.appendingPathComponent("github-webhooks/\(event)/\(action).json")
    }

    public static func githubWebhookBytes(_ event: String, _ action: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: githubWebhook(event, action)))
    }
}
