import Foundation

/// What the simulator accepts as Jira basic auth and GitHub token auth.
public struct SimCredentials: Sendable, Equatable {
    public static let defaultJiraToken = "sim-jira-token"
    public static let defaultGitHubToken = "sim-github-token"

    public var jiraEmail: String
    public var jiraToken: String
    public var githubToken: String

    public init(jiraEmail: String, jiraToken: String = defaultJiraToken, githubToken: String = defaultGitHubToken) {
        self.jiraEmail = jiraEmail
        self.jiraToken = jiraToken
        self.githubToken = githubToken
    }

    /// `Authorization: Basic base64(email:token)`.
    public func acceptsJira(_ authorization: String?) -> Bool {
        guard let authorization, authorization.lowercased().hasPrefix("basic ") else { return false }
        let encoded = authorization.dropFirst(6).trimmingCharacters(in: .whitespaces)
        return encoded == Self.base64(Array("\(jiraEmail):\(jiraToken)".utf8))
    }

    /// `Authorization: Bearer T` or `token T`.
    public func acceptsGitHub(_ authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return false }
        return parts[1].trimmingCharacters(in: .whitespaces) == githubToken
    }

    public static func basicAuthorization(email: String, token: String) -> String {
        "Basic " + base64(Array("\(email):\(token)".utf8))
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
