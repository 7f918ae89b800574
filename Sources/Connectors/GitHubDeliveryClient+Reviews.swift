import JSON

extension GitHubDeliveryClient {
    /// Review comments (comments on the diff) of one pull request, every page.
    public func pullReviewComments(_ repo: String, number: Int) throws -> [JSONValue] {
        var all: [JSONValue] = []
        try pages(url(repo, "/pulls/\(number)/comments?per_page=100")) { all += $0; return true }
        return all
    }
}
