import Connectors
import Foundation
import WorkSupportCore
import WorkSupportStore

/// After the items of a run are written: the reviews and review comments of the pull requests
/// the run inserted or changed (a full reload: of all), read from `…/pulls/{n}/reviews` and
/// `…/pulls/{n}/comments`; then the ASSIGNED_TO and Jira COMMENTED_ON edges of the run's issues.
/// A pull request whose reads fail is a `harvest_errors` row; the others go on.
final class ReviewHarvest {
    let client: GitHubDeliveryClient
    let writer: CollaborationWriter
    let runID: Int64
    let failures: HarvestFailureLog
    let progress: HarvestProgress
    private(set) var fetched = 0

    init(client: GitHubDeliveryClient, writer: CollaborationWriter, runID: Int64, failures: HarvestFailureLog,
         progress: HarvestProgress) {
        self.client = client
        self.writer = writer
        self.runID = runID
        self.failures = failures
        self.progress = progress
    }

    func run(everyPullRequest: Bool) {
        let started = Date()
        do {
            let keys = try writer.pullRequests(changedBy: runID, everyPullRequest: everyPullRequest)
            var reviews = 0
            for key in keys {
                guard let (repo, number) = Self.split(key) else { continue }
                do {
                    let read = try client.pullReviews(repo, number: number).compactMap { PullRequestActivity.review($0, prKey: key) }
                    let comments = try client.pullReviewComments(repo, number: number)
                        .compactMap { PullRequestActivity.comment($0, prKey: key) }
                    try writer.save(prKey: key, reviews: read, comments: comments)
                    reviews += read.count
                    fetched += read.count + comments.count
                } catch let error as StoreError {
                    failures.record(.database, itemKey: key, error: error)
                } catch {
                    failures.record(.github, itemKey: "\(key) reviews", error: error)
                }
            }
            progress.log("reviews", ["run": "\(runID)", "pull_requests": "\(keys.count)", "reviews": "\(reviews)",
                                     "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))"])
        } catch {
            failures.record(.database, itemKey: "reviews", error: error)
        }
    }

    /// `owner/repo#12` -> ("owner/repo", 12).
    static func split(_ key: String) -> (String, Int)? {
        guard let hash = key.lastIndex(of: "#"), let number = Int(key[key.index(after: hash)...]) else { return nil }
        return (String(key[..<hash]), number)
    }
}
