import FoundationEssentials
import JSON
import Postgres
import WorkSupportCore

/// The webhook side of the review harvest: a `pull_request_review` delivery stores its review and
/// a `pull_request_review_comment` its comment (`deleted` removes it), and the pull request's
/// edges are derived again, in the delivery's transaction. Only for pull requests the harvest
/// keeps (others are `ignored`: the edge needs the pull request's author).
struct CollaborationEvents {
    static let events: Set<String> = ["pull_request_review", "pull_request_review_comment"]

    let connection: PostgresConnection

    /// nil for other events.
    func apply(event: String, action: String?, payload: JSONValue) throws -> GitHubDeliveryEvents.Outcome? {
        guard Self.events.contains(event) else { return nil }
        guard let key = PullRequestActivity.prKey(webhookPayload: payload) else {
            return .ignored(reason: "the \(event) payload names no repository and pull request number")
        }
        guard try connection.run(CollaborationSQL.harvestedPullRequest, [key]).count == 1 else {
            return .ignored(reason: "\(key) is not a harvested pull request")
        }
        let writer = CollaborationWriter(connection: connection)
        if event == "pull_request_review" {
            guard let review = payload["review"].flatMap({ PullRequestActivity.review($0, prKey: key) }) else {
                return .ignored(reason: "the review has no id, or is by a bot or a deleted account")
            }
            try writer.saveInCurrentTransaction([review], [])
            return .applied(written: true)
        }
        guard let object = payload["comment"], let comment = PullRequestActivity.comment(object, prKey: key) else {
            return .ignored(reason: "the comment has no id or time, or is by a bot or a deleted account")
        }
        if action == "deleted" {
            let removed = try connection.run(CollaborationSQL.deleteComment, [key, comment.commentID]).affectedRows
            return .applied(written: removed > 0)
        }
        try writer.saveInCurrentTransaction([], [comment])
        return .applied(written: true)
    }
}
