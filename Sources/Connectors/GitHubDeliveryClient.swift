import Foundation
import JSON

/// The REST calls behind the delivery metrics, for one repository: deployments and their
/// statuses, closed pull requests with their commits and reviews, compares, and incident issues.
/// Lists follow `Link: rel="next"`; retries and rate limits are the transport's.
public struct GitHubDeliveryClient {
    let client: GitHubClient

    public init(apiURL: String, token: String?, transport: UpstreamTransport) {
        client = GitHubClient(apiURL: apiURL, token: token, transport: transport)
    }

    func url(_ repo: String, _ path: String) -> String { "\(client.apiURL)/repos/\(repo)\(path)" }

    /// Pages of a list, newest first as GitHub sends them, until `onPage` answers false.
    public func pages(_ firstURL: String, onPage: ([JSONValue]) throws -> Bool) throws {
        var next: String? = firstURL
        while let current = next {
            let (json, response) = try client.call(current)
            guard let items = json.arrayValue else {
                throw UpstreamError(code: .invalidResponse, request: "GET \(current)", status: response.status,
                                    attempts: 1, reason: "expected a JSON array")
            }
            guard try onPage(items), !items.isEmpty else { return }
            next = response.header("link").flatMap { LinkHeader.parse($0)["next"] }
        }
    }

    public func deploymentsURL(_ repo: String) -> String { url(repo, "/deployments?per_page=100") }

    public func statuses(_ repo: String, deploymentID: String) throws -> [JSONValue] {
        var all: [JSONValue] = []
        try pages(url(repo, "/deployments/\(deploymentID)/statuses?per_page=100")) { all += $0; return true }
        return all
    }

    /// Closed pull requests, most recently updated first.
    public func closedPullsURL(_ repo: String) -> String {
        url(repo, "/pulls?state=closed&sort=updated&direction=desc&per_page=100")
    }

    public func pullCommits(_ repo: String, number: Int) throws -> [JSONValue] {
        var all: [JSONValue] = []
        try pages(url(repo, "/pulls/\(number)/commits?per_page=100")) { all += $0; return true }
        return all
    }

    public func pullReviews(_ repo: String, number: Int) throws -> [JSONValue] {
        var all: [JSONValue] = []
        try pages(url(repo, "/pulls/\(number)/reviews?per_page=100")) { all += $0; return true }
        return all
    }

    /// Commits asked for per compare page: GitHub's largest `per_page` (unpaged, a compare
    /// stops at 250 commits).
    public static let comparePageSize = 100

    /// The commit shas from `base` (exclusive) to `head`, every page of them: GitHub pages a
    /// compare's `commits` with `page`/`per_page` and says how many there are in `total_commits`.
    /// A refusal (404, 422: a base that no longer exists) is thrown as the transport's
    /// `UpstreamError` with its status.
    public func compare(_ repo: String, base: String, head: String) throws -> [String] {
        var shas: [String] = []
        var page = 1
        while true {
            let request = "/compare/\(base)...\(head)?per_page=\(Self.comparePageSize)&page=\(page)"
            let (json, response) = try client.call(url(repo, request))
            guard let commits = json["commits"]?.arrayValue else {
                throw UpstreamError(code: .invalidResponse, request: "GET compare \(base)...\(head) page \(page)",
                                    status: response.status, attempts: 1, reason: "no 'commits' array in the compare answer")
            }
            shas += commits.compactMap { $0["sha"]?.stringValue }
            // Without `total_commits` (an older GitHub), a short page is the last one.
            let total = json["total_commits"]?.intValue
            let done = total.map { shas.count >= $0 } ?? (commits.count < Self.comparePageSize)
            if done || commits.isEmpty { return shas }
            page += 1
        }
    }

    /// Issues (not pull requests) with `label`, changed since `since` when given.
    public func labelledIssuesURL(_ repo: String, label: String, since: String?) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = label.addingPercentEncoding(withAllowedCharacters: allowed) ?? label
        return url(repo, "/issues?state=all&labels=\(encoded)&per_page=100") + (since.map { "&since=\($0)" } ?? "")
    }
}
