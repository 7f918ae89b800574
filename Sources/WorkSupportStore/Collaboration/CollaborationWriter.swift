import FoundationEssentials
import Postgres
import WorkSupportCore

/// Writes pull request reviews and review comments, and derives the `interactions` rows of the
/// harvested items (DESIGN.md "Collaboration"). Every write is an upsert keyed on the upstream id,
/// so harvesting or receiving the same item again writes each edge once.
public struct CollaborationWriter {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// The pull requests a run inserted or changed (all of them with `everyPullRequest`).
    public func pullRequests(changedBy runID: Int64, everyPullRequest: Bool) throws(StoreError) -> [String] {
        try storeCall {
            try connection.run(CollaborationSQL.pullRequestsOfRun, [runID, everyPullRequest]).map { try $0.get("issue_key") }
        }
    }

    /// Stores one pull request's reviews and review comments and (re)derives its edges.
    public func save(prKey: String, reviews: [PullRequestReview], comments: [PullRequestComment]) throws(StoreError) {
        try storeCall {
            try connection.transaction { connection in
                try write(reviews, comments, on: connection)
                _ = try connection.run(CollaborationSQL.reviewedEdges, [[prKey]])
                _ = try connection.run(CollaborationSQL.reviewCommentEdges, [[prKey]])
            }
        }
    }

    /// The same inside a transaction the caller holds (the webhook path).
    public func saveInCurrentTransaction(_ reviews: [PullRequestReview], _ comments: [PullRequestComment]) throws(StoreError) {
        try storeCall {
            try write(reviews, comments, on: connection)
            let keys = Array(Set(reviews.map(\.prKey) + comments.map(\.prKey)))
            _ = try connection.run(CollaborationSQL.reviewedEdges, [keys])
            _ = try connection.run(CollaborationSQL.reviewCommentEdges, [keys])
        }
    }

    private func write(_ reviews: [PullRequestReview], _ comments: [PullRequestComment], on connection: PostgresConnection) throws {
        if !reviews.isEmpty {
            _ = try connection.run(CollaborationSQL.upsertReviews, [
                reviews.map(\.prKey), reviews.map(\.reviewID), reviews.map(\.reviewer), reviews.map(\.state),
                reviews.map(\.submittedAt),
            ])
        }
        if !comments.isEmpty {
            _ = try connection.run(CollaborationSQL.upsertComments, [
                comments.map(\.prKey), comments.map(\.commentID), comments.map(\.author), comments.map(\.reviewID),
                comments.map(\.createdAt),
            ])
        }
    }

    /// ASSIGNED_TO from `issues.assignee` and COMMENTED_ON from the Jira comments in `raw`, for
    /// the issues a run wrote (every issue with `everyIssue`) or the keys given. Returns the rows
    /// inserted or changed.
    @discardableResult
    public func deriveIssueEdges(runID: Int64?, keys: [String] = [], everyIssue: Bool = false) throws(StoreError) -> Int {
        try storeCall {
            let parameters: [any PostgresEncodable] = [runID, keys, everyIssue]
            return try connection.run(CollaborationSQL.assignedEdges, parameters).affectedRows
                + connection.run(CollaborationSQL.jiraCommentEdges, parameters).affectedRows
        }
    }
}
