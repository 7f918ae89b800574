import FoundationEssentials

/// A merged pull request (a `changes` row) with the deployment that shipped it, if known.
public struct Change: Sendable, Equatable {
    /// `owner/repo#N`, the same key as in `issues`.
    public var key: String
    public var repo: String
    public var author: String?
    public var title: String?
    /// The pull request's head branch.
    public var headRef: String?
    public var labels: [String]
    public var firstCommitAt: Date?
    public var openedAt: Date?
    public var firstReviewAt: Date?
    public var mergedAt: Date
    public var mergeSha: String?
    /// The first successful production deployment whose commit range holds `mergeSha`.
    public var deploymentID: Int64?

    public init(key: String, repo: String, author: String? = nil, title: String? = nil, headRef: String? = nil,
                labels: [String] = [], firstCommitAt: Date? = nil, openedAt: Date? = nil, firstReviewAt: Date? = nil,
                mergedAt: Date, mergeSha: String? = nil, deploymentID: Int64? = nil) {
        self.key = key
        self.repo = repo
        self.author = author
        self.title = title
        self.headRef = headRef
        self.labels = labels
        self.firstCommitAt = firstCommitAt
        self.openedAt = openedAt
        self.firstReviewAt = firstReviewAt
        self.mergedAt = mergedAt
        self.mergeSha = mergeSha
        self.deploymentID = deploymentID
    }
}
