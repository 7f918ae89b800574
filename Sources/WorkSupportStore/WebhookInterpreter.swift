import FoundationEssentials
import JSON
import WorkSupportCore

/// Decides what a delivery does, with the harvester's own normalizers and scope: a GitHub item is
/// applied only when it carries `github.issue_label` and a team member is among its assignees (what
/// the harvester's `label:L assignee:M` searches find). Pure: no I/O, so the API and
/// `worksupport webhooks replay` decide alike.
///
/// Jira deliveries are applied as they come: their scope is the JQL filter of the webhook
/// registration in Jira (docs/webhooks.md), since the root JQL cannot be evaluated here.
public struct WebhookInterpreter: Sendable {
    let github: GitHubIssueNormalizer
    let githubLabel: String?
    let jira: JiraIssueNormalizer

    public static let githubItemEvents: Set<String> = ["issues", "pull_request"]
    public static let githubRemovingActions: Set<String> = ["deleted", "transferred"]
    public static let jiraUpsertEvents: Set<String> = ["jira:issue_created", "jira:issue_updated"]
    public static let jiraDeleteEvent = "jira:issue_deleted"

    public init(config: WorkSupportConfig) {
        github = GitHubIssueNormalizer(team: config.team)
        githubLabel = config.github?.issueLabel
        jira = JiraIssueNormalizer(config: config)
    }

    public func effect(of delivery: WebhookDelivery) -> WebhookEffect {
        switch delivery.source {
        case .github: githubEffect(event: delivery.event, action: delivery.action, payload: delivery.payload)
        case .jira: jiraEffect(event: delivery.event, payload: delivery.payload)
        // Applied by SlackEventStore when received; a replay leaves them as they are.
        case .slack: .store
        }
    }

    func githubEffect(event: String, action: String?, payload: JSONValue) -> WebhookEffect {
        guard Self.githubItemEvents.contains(event) else { return .store }
        let record: IssueRecord
        do throws(NormalizationError) {
            guard let normalized = try github.normalize(webhookPayload: payload) else {
                return .fail(issueKey: nil, reason: "the \(event) payload has no issue or pull_request object")
            }
            record = normalized
        } catch {
            return .fail(issueKey: error.itemKey, reason: error.description)
        }
        if event == "issues", let action, Self.githubRemovingActions.contains(action) {
            return .delete(issueKey: record.issueKey, updatedAt: record.updatedAt)
        }
        if let reason = outOfGitHubScope(record) {
            return .ignore(issueKey: record.issueKey, updatedAt: record.updatedAt, reason: reason)
        }
        return .upsert(record)
    }

    /// Why the item is outside the harvest scope, or nil when it is inside.
    func outOfGitHubScope(_ record: IssueRecord) -> String? {
        guard let label = githubLabel else { return "github is not configured" }
        guard record.labels.contains(where: { $0.lowercased() == label.lowercased() }) else {
            return "not labeled '\(label)'"
        }
        var logins = record.raw["assignees"]?.arrayValue?.compactMap { $0["login"]?.stringValue } ?? []
        if let assignee = record.raw["assignee"]?["login"]?.stringValue { logins.append(assignee) }
        guard logins.contains(where: { github.team.memberID(githubLogin: $0) != nil }) else {
            return "no team member among the assignees"
        }
        return nil
    }

    func jiraEffect(event: String, payload: JSONValue) -> WebhookEffect {
        let isDelete = event == Self.jiraDeleteEvent
        guard isDelete || Self.jiraUpsertEvents.contains(event) else { return .store }
        guard let issue = payload["issue"], issue.objectValue != nil else {
            return .fail(issueKey: nil, reason: "the \(event) payload has no issue object")
        }
        do throws(NormalizationError) {
            let record = try jira.normalize(issue)
            return isDelete ? .delete(issueKey: record.issueKey, updatedAt: record.updatedAt) : .upsert(record)
        } catch {
            // A delete needs only the key: Jira's delete payloads may be trimmed.
            if isDelete, let key = issue["key"]?.stringValue, !key.isEmpty {
                return .delete(issueKey: key, updatedAt: nil)
            }
            return .fail(issueKey: error.itemKey, reason: error.description)
        }
    }
}
