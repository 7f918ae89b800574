/// Finds the configured team member behind an upstream account, by the rules of
/// docs/normalization.md: Jira ids match exactly (case-insensitively when they are e-mail
/// addresses), GitHub logins case-insensitively.
public struct TeamDirectory: Sendable {
    private let memberByJiraID: [String: String]
    private let memberByJiraEmail: [String: String]
    private let memberByGitHubLogin: [String: String]

    public init(team: [TeamMember]) {
        var jira: [String: String] = [:], email: [String: String] = [:], github: [String: String] = [:]
        // The first member wins when a configuration repeats an account (the parser refuses that).
        for member in team {
            if let id = member.jiraID {
                if jira[id] == nil { jira[id] = member.id }
                if id.contains("@"), email[id.lowercased()] == nil { email[id.lowercased()] = member.id }
            }
            if let login = member.githubID, github[login.lowercased()] == nil {
                github[login.lowercased()] = member.id
            }
        }
        memberByJiraID = jira
        memberByJiraEmail = email
        memberByGitHubLogin = github
    }

    /// The member id (`team.member.<id>`) whose `jira_id` is `accountID`.
    public func memberID(jiraAccount accountID: String) -> String? {
        if let exact = memberByJiraID[accountID] { return exact }
        return accountID.contains("@") ? memberByJiraEmail[accountID.lowercased()] : nil
    }

    /// The member id whose `github_id` is `login`, ignoring case.
    public func memberID(githubLogin login: String) -> String? {
        memberByGitHubLogin[login.lowercased()]
    }
}
