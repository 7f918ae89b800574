import FoundationEssentials
import JSON

/// A GitHub deployment as the REST API and the `deployment` webhooks describe it.
public struct GitHubDeployment: Sendable, Equatable {
    public var id: String
    public var repo: String
    public var environment: String
    public var sha: String?
    public var ref: String?
    public var createdAt: Date
}

/// One deployment status (`GET …/deployments/{id}/statuses`, the `deployment_status` webhook).
public struct GitHubDeploymentStatus: Sendable, Equatable {
    public var id: String
    public var state: DeploymentState
    public var createdAt: Date
}

/// A merged pull request as a change (times the pull request itself does not carry, first
/// commit and first review, come from its commits and reviews).
public struct MergedPullRequest: Sendable, Equatable {
    public var change: Change
    public var number: Int
}

/// Reads the objects above out of REST and webhook JSON; nil when a required member is missing.
public enum GitHubDeliveryPayload {
    public static func deployment(_ object: JSONValue, repo: String) -> GitHubDeployment? {
        guard let id = identifier(object["id"]), let environment = object["environment"]?.stringValue, !environment.isEmpty,
              let created = object["created_at"]?.stringValue.flatMap(UpstreamTimestamp.parse) else { return nil }
        return GitHubDeployment(id: id, repo: repo, environment: environment, sha: object["sha"]?.stringValue,
                                ref: object["ref"]?.stringValue, createdAt: created)
    }

    public static func status(_ object: JSONValue) -> GitHubDeploymentStatus? {
        guard let id = identifier(object["id"]),
              let state = object["state"]?.stringValue.flatMap({ DeploymentState(rawValue: $0) }),
              let created = object["created_at"]?.stringValue.flatMap(UpstreamTimestamp.parse) else { return nil }
        return GitHubDeploymentStatus(id: id, state: state, createdAt: created)
    }

    /// nil for a pull request that was not merged (closed unmerged, or still open).
    public static func mergedPullRequest(_ object: JSONValue, repo: String) -> MergedPullRequest? {
        guard let number = object["number"]?.intValue,
              let merged = object["merged_at"]?.stringValue.flatMap(UpstreamTimestamp.parse) else { return nil }
        let change = Change(
            key: "\(repo)#\(number)", repo: repo, author: object["user"]?["login"]?.stringValue,
            title: object["title"]?.stringValue, headRef: object["head"]?["ref"]?.stringValue,
            labels: object["labels"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [],
            openedAt: object["created_at"]?.stringValue.flatMap(UpstreamTimestamp.parse), mergedAt: merged,
            mergeSha: object["merge_commit_sha"]?.stringValue)
        return MergedPullRequest(change: change, number: number)
    }

    /// The earliest author date of a pull request's commits (`GET …/pulls/{n}/commits`).
    public static func firstCommitTime(_ commits: [JSONValue]) -> Date? {
        commits.compactMap { commit in
            (commit["commit"]?["author"]?["date"]?.stringValue ?? commit["commit"]?["committer"]?["date"]?.stringValue)
                .flatMap(UpstreamTimestamp.parse)
        }.min()
    }

    /// The first review by someone other than the author (`GET …/pulls/{n}/reviews`).
    public static func firstReviewTime(_ reviews: [JSONValue], author: String?) -> Date? {
        reviews.compactMap { review -> Date? in
            guard review["user"]?["login"]?.stringValue != author else { return nil }
            return review["submitted_at"]?.stringValue.flatMap(UpstreamTimestamp.parse)
        }.min()
    }

    public static func identifier(_ value: JSONValue?) -> String? {
        if let number = value?.intValue { return String(number) }
        if let text = value?.stringValue, !text.isEmpty { return text }
        return nil
    }
}
