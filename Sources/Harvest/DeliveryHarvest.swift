import Connectors
import Foundation
import JSON
import Postgres
import WorkSupportCore
import WorkSupportStore

/// The delivery-metrics step of a harvest, for each repository in `github.repos`: deployments
/// and their statuses, merged pull requests with their first commit and first review, the commit
/// range of each successful production deployment not yet ranged (`compare` from the one before),
/// and issues labelled `dora.incident_label`. Incremental after the first run: lists stop at the
/// previous run's start (a week earlier for deployments); the first run, and the first for a
/// repository with nothing stored yet (one added to `github.repos` later), go back
/// `dora.backfill_days`. A refused compare marks that deployment's changes `unknown` and the run partial.
final class DeliveryHarvest {
    let client: GitHubDeliveryClient
    let connection: PostgresConnection
    let config: DeliveryConfig
    let progress: HarvestProgress
    let failures: HarvestFailureLog
    private(set) var fetched = 0
    static let statusLookback: TimeInterval = 7 * 86_400

    init(client: GitHubDeliveryClient, connection: PostgresConnection, config: DeliveryConfig, progress: HarvestProgress,
         failures: HarvestFailureLog) {
        self.client = client
        self.connection = connection
        self.config = config
        self.progress = progress
        self.failures = failures
    }

    var writer: GitHubDeliveryWriter { GitHubDeliveryWriter(connection: connection, config: config) }

    /// - Parameter since: the previous successful run's start, or nil for a backfill.
    func run(since runSince: Date?, now: Date) {
        for repo in config.githubRepos {
            var since = runSince
            do {
                if since != nil, try !writer.knows(repo: repo) { since = nil }
            } catch {
                failures.record(.database, itemKey: "\(repo) backfill", error: error)
            }
            let horizon = since ?? now.addingTimeInterval(-Double(config.backfillDays) * 86_400)
            // A deployment's statuses go on changing after it is created (a retry succeeds, a later
            // one sets it inactive): incremental runs re-read the last week of deployments.
            let deploymentHorizon = since.map { $0.addingTimeInterval(-Self.statusLookback) } ?? horizon
            harvestStep(repo, "deployments") { try deployments(repo, horizon: deploymentHorizon) }
            harvestStep(repo, "pulls") { try pulls(repo, horizon: horizon) }
            harvestStep(repo, "ranges") { try ranges(repo) }
            harvestStep(repo, "incidents") { try incidents(repo, since: since) }
        }
    }

    func harvestStep(_ repo: String, _ step: String, _ body: () throws -> Int) {
        do {
            let count = try body()
            fetched += count
            progress.log("delivery_page", ["repo": "\(repo)", "step": "\(step)", "items": "\(count)"])
        } catch {
            failures.record(.github, itemKey: "\(repo) \(step)", error: error)
        }
    }

    /// Newest first; stops past the horizon (statuses of older deployments do not change the metrics).
    func deployments(_ repo: String, horizon: Date) throws -> Int {
        var count = 0
        try client.pages(client.deploymentsURL(repo)) { page in
            var reachedHorizon = false
            for object in page {
                guard let deployment = GitHubDeliveryPayload.deployment(object, repo: repo) else { continue }
                if deployment.createdAt < horizon { reachedHorizon = true; continue }
                let statuses = try client.statuses(repo, deploymentID: deployment.id)
                try connection.transaction { _ in
                    for status in statuses {
                        guard let parsed = GitHubDeliveryPayload.status(status) else { continue }
                        try writer.add(parsed, deploymentID: deployment.id, raw: status)
                    }
                    try writer.upsert(deployment, raw: object)
                }
                count += 1
            }
            return !reachedHorizon
        }
        return count
    }

    /// Most recently updated first; stops at the horizon.
    func pulls(_ repo: String, horizon: Date) throws -> Int {
        var count = 0
        try client.pages(client.closedPullsURL(repo)) { page in
            var reachedHorizon = false
            for object in page {
                if let updated = object["updated_at"]?.stringValue.flatMap(UpstreamTimestamp.parse), updated < horizon {
                    reachedHorizon = true
                    continue
                }
                guard var pull = GitHubDeliveryPayload.mergedPullRequest(object, repo: repo) else { continue }
                pull.change.firstCommitAt = GitHubDeliveryPayload.firstCommitTime(try client.pullCommits(repo, number: pull.number))
                pull.change.firstReviewAt = GitHubDeliveryPayload.firstReviewTime(
                    try client.pullReviews(repo, number: pull.number), author: pull.change.author)
                try connection.transaction { _ in try writer.upsert(pull, raw: object) }
                count += 1
            }
            return !reachedHorizon
        }
        return count
    }

    /// Each successful production deployment still `pending` gets its range: `base_unknown` for
    /// the first of its environment, else the compare from the one before.
    func ranges(_ repo: String) throws -> Int {
        var count = 0
        for environment in try writer.productionEnvironments(repo: repo) {
            for (deployment, base) in try writer.productionHistory(repo: repo, environment: environment)
            where deployment.changeRange == .pending {
                guard let base, let baseSha = base.sha, let sha = deployment.sha else {
                    try connection.transaction { _ in try writer.setRange(deploymentID: deployment.id, .baseUnknown, commits: []) }
                    continue
                }
                do {
                    let commits = try client.compare(repo, base: baseSha, head: sha)
                    try connection.transaction { _ in try writer.setRange(deploymentID: deployment.id, .known, commits: commits) }
                    count += 1
                } catch let error as UpstreamError where error.status.map({ (400..<500).contains($0) }) ?? false {
                    let reason = "compare \(baseSha.prefix(12))...\(sha.prefix(12)) refused: HTTP \(error.status ?? 0)"
                    try connection.transaction { _ in
                        try writer.setRange(deploymentID: deployment.id, .unknown(reason: reason), commits: [])
                    }
                    failures.record(.github, itemKey: "\(repo) deployment \(deployment.id)", error: error)
                }
            }
        }
        return count
    }

    func incidents(_ repo: String, since: Date?) throws -> Int {
        var count = 0
        let sinceText = since.map { RFC3339Text.utc($0) }
        try client.pages(client.labelledIssuesURL(repo, label: config.incidentLabel, since: sinceText)) { page in
            for object in page {
                guard let incident = GitHubIncidentIssue.incident(object, repo: repo) else { continue }
                try connection.transaction { _ in try writer.upsert(incident, raw: object) }
                count += 1
            }
            return true
        }
        return count
    }
}
