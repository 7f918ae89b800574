/// One GitHub issue or pull request; rendered to the `/search/issues` item shape on the way out.
public struct SimGitHubItem: Sendable, Hashable {
    /// `owner/name`
    public var repo: String
    public var number: Int
    public var id: Int
    public var title: String
    public var body: String
    public var isPullRequest: Bool
    /// `open` or `closed`
    public var state: String
    public var author: String
    public var assignee: String?
    public var labels: [String]
    public var milestone: String?
    public var created: Int64
    public var updated: Int64
    public var closed: Int64?
    /// Pull requests only: when merged (then `closed` equals it).
    public var merged: Int64?

    /// `owner/repo#N`, the key WorkSupport stores.
    public var key: String { "\(repo)#\(number)" }

    public var htmlURL: String {
        "https://github.com/\(repo)/\(isPullRequest ? "pull" : "issues")/\(number)"
    }

    public init(repo: String, number: Int, id: Int, title: String, body: String, isPullRequest: Bool,
                state: String, author: String, assignee: String?, labels: [String], milestone: String?,
                created: Int64, updated: Int64, closed: Int64? = nil, merged: Int64? = nil) {
        self.repo = repo
        self.number = number
        self.id = id
        self.title = title
        self.body = body
        self.isPullRequest = isPullRequest
        self.state = state
        self.author = author
        self.assignee = assignee
        self.labels = labels
        self.milestone = milestone
        self.created = created
        self.updated = updated
        self.closed = closed
        self.merged = merged
    }
}
