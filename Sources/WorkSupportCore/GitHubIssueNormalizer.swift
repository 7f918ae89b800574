import FoundationEssentials
import JSON

/// Turns one GitHub item (a `/search/issues` item, or a webhook's `issue` / `pull_request`) into an
/// `IssueRecord`, exactly as docs/normalization.md maps it.
public struct GitHubIssueNormalizer: Sendable {
    public let team: TeamDirectory

    public init(team: [TeamMember]) {
        self.team = TeamDirectory(team: team)
    }

    /// - Parameters:
    ///   - repositoryFullName: `owner/repo` from a webhook's `repository.full_name`; search items
    ///     carry `repository_url` instead.
    ///   - isPullRequest: true for a webhook `pull_request` object, which has no `pull_request`
    ///     member of its own; nil to detect from the item.
    public func normalize(_ item: JSONValue, repositoryFullName: String? = nil,
                          isPullRequest: Bool? = nil) throws(NormalizationError) -> IssueRecord {
        guard item.objectValue != nil else {
            throw NormalizationError(code: .notAnObject, source: .github, itemKey: nil, field: "")
        }
        guard let number = item["number"]?.intValue else {
            throw NormalizationError(code: .missingKey, source: .github, itemKey: nil, field: "number")
        }
        guard let repository = repositoryFullName ?? Self.repository(fromURL: item["repository_url"]?.stringValue) else {
            throw NormalizationError(code: .missingRepository, source: .github, itemKey: "#\(number)",
                                     field: "repository_url")
        }
        let key = "\(repository)#\(number)"
        let times = ItemTimestamps(source: .github, itemKey: key)
        let updatedAt = try times.required(item["updated_at"], field: "updated_at")
        let createdAt = try times.optional(item["created_at"], field: "created_at")
        let closedAt = try times.optional(item["closed_at"], field: "closed_at")

        let pullRequest = isPullRequest ?? (item["pull_request"].map { !$0.isNull } ?? false)
        let merged = pullRequest && Self.isMerged(item)
        let open = item["state"]?.stringValue == "open"
        let status = merged ? "merged" : (open ? "open" : "closed")
        let category = open && !merged ? (pullRequest ? "indeterminate" : "new") : "done"
        let type = pullRequest ? IssueType.githubPullRequest : IssueType.githubIssue
        let title = item["title"]?.columnText ?? ""
        let linkedKey = JiraKeyPattern.firstKey(in: title)
            ?? item["body"]?.columnText.flatMap { JiraKeyPattern.firstKey(in: $0) }
        let assignee = item["assignee"]?["login"]?.nonEmptyString

        return IssueRecord(
            issueKey: key,
            source: .github,
            summary: title,
            status: status,
            statusCategory: category,
            issueTypeID: type.id,
            issueTypeName: type.name,
            parentKey: nil,
            epicKey: nil,
            linkedKey: linkedKey,
            assignee: assignee,
            assigneeMemberID: assignee.flatMap { team.memberID(githubLogin: $0) },
            labels: item["labels"]?.strings(ofMember: "name") ?? [],
            fixVersions: item["milestone"]?["title"]?.columnText.map { [$0] } ?? [],
            url: item["html_url"]?.stringValue,
            createdAt: createdAt,
            updatedAt: updatedAt,
            resolvedAt: closedAt,
            raw: item)
    }

    /// A webhook delivery of the `issues` or `pull_request` event: its item and
    /// `repository.full_name`. Nil when the payload carries neither object.
    public func normalize(webhookPayload payload: JSONValue) throws(NormalizationError) -> IssueRecord? {
        let repository = payload["repository"]?["full_name"]?.nonEmptyString
        if let pullRequest = payload["pull_request"], pullRequest.objectValue != nil {
            return try normalize(pullRequest, repositoryFullName: repository, isPullRequest: true)
        }
        if let issue = payload["issue"], issue.objectValue != nil {
            return try normalize(issue, repositoryFullName: repository)
        }
        return nil
    }

    /// `owner/repo` from `https://api.github.com/repos/owner/repo` (any host, Enterprise too).
    static func repository(fromURL url: String?) -> String? {
        guard let url, let range = url.ranges(of: "/repos/").last else { return nil }
        let parts = url[range.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return "\(parts[0])/\(parts[1])"
    }

    /// Search items nest `merged_at` under `pull_request`; webhook objects carry `merged`/`merged_at`.
    private static func isMerged(_ item: JSONValue) -> Bool {
        if let mergedAt = item["pull_request"]?["merged_at"], !mergedAt.isNull { return true }
        if item["merged"]?.boolValue == true { return true }
        if let mergedAt = item["merged_at"], !mergedAt.isNull { return true }
        return false
    }
}
