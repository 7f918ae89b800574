import FoundationEssentials
import JSON

/// One submitted review of a pull request, from `…/pulls/{n}/reviews` or a `pull_request_review`
/// webhook's `review` object.
public struct PullRequestReview: Sendable, Hashable {
    public var prKey: String
    public var reviewID: String
    public var reviewer: String
    public var state: String
    public var submittedAt: Date?

    public init(prKey: String, reviewID: String, reviewer: String, state: String, submittedAt: Date?) {
        self.prKey = prKey
        self.reviewID = reviewID
        self.reviewer = reviewer
        self.state = state
        self.submittedAt = submittedAt
    }
}

/// One review comment (a comment on the diff), from `…/pulls/{n}/comments` or a
/// `pull_request_review_comment` webhook's `comment` object.
public struct PullRequestComment: Sendable, Hashable {
    public var prKey: String
    public var commentID: String
    public var author: String
    public var reviewID: String?
    public var createdAt: Date

    public init(prKey: String, commentID: String, author: String, reviewID: String?, createdAt: Date) {
        self.prKey = prKey
        self.commentID = commentID
        self.author = author
        self.reviewID = reviewID
        self.createdAt = createdAt
    }
}

/// Reads GitHub's review and review-comment objects. Bots (`type: Bot`, `…[bot]` logins) and
/// deleted accounts (no `user`) are not people and give nothing; so does an object without an id.
public enum PullRequestActivity {
    public static func review(_ object: JSONValue, prKey: String) -> PullRequestReview? {
        guard let login = person(object["user"]), let id = identifier(object["id"]) else { return nil }
        let state = object["state"]?.stringValue?.uppercased() ?? "COMMENTED"
        return PullRequestReview(prKey: prKey, reviewID: id, reviewer: login, state: state,
                                 submittedAt: object["submitted_at"]?.stringValue.flatMap(UpstreamTimestamp.parse))
    }

    public static func comment(_ object: JSONValue, prKey: String) -> PullRequestComment? {
        guard let login = person(object["user"]), let id = identifier(object["id"]),
              let created = object["created_at"]?.stringValue.flatMap(UpstreamTimestamp.parse) else { return nil }
        return PullRequestComment(prKey: prKey, commentID: id, author: login,
                                  reviewID: identifier(object["pull_request_review_id"]), createdAt: created)
    }

    /// `owner/repo#N` of a webhook payload's `repository` and `pull_request`.
    public static func prKey(webhookPayload payload: JSONValue) -> String? {
        guard let repo = payload["repository"]?["full_name"]?.stringValue,
              let number = payload["pull_request"]?["number"]?.intValue else { return nil }
        return "\(repo)#\(number)"
    }

    public static func isBot(login: String, type: String?) -> Bool {
        type?.lowercased() == "bot" || login.lowercased().hasSuffix("[bot]")
    }

    static func person(_ user: JSONValue?) -> String? {
        guard let login = user?["login"]?.stringValue, !login.isEmpty,
              !isBot(login: login, type: user?["type"]?.stringValue) else { return nil }
        return login
    }

    static func identifier(_ value: JSONValue?) -> String? {
        if let int = value?.intValue { return String(int) }
        if let text = value?.stringValue, !text.isEmpty { return text }
        return nil
    }
}
